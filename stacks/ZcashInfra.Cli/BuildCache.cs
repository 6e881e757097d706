using System.Security.Cryptography;
using System.Text;

namespace ZcashInfra.Cli;

/// <summary>
/// Content-addressed folders of finished work (here: a commit's exported tree with its CLI built):
/// one folder per key, made once, shared by every later run and by concurrent runs. A folder is
/// built under a unique staging name beside the others and renamed into place only when complete,
/// so a reader never sees half of one; when two runs build the same key at once, the first rename
/// wins and the other run drops its copy and uses the winner's. The least recently used folders
/// beyond <see cref="Keep"/> are removed.
/// </summary>
internal sealed class BuildCache(string root)
{
    /// <summary>How many entries stay after a new one is added.</summary>
    public const int Keep = 8;

    private const string Complete = ".complete";

    /// <summary>The cache folder.</summary>
    public string Root { get; } = root;

    /// <summary>A key from its parts (e.g. a commit id and the .NET SDK version), as hex.</summary>
    public static string Key(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts))))[..32];

    /// <summary>The entry's folder if it is complete, else null.</summary>
    public string? Find(string key)
    {
        var folder = Path.Combine(Root, key);
        if (!File.Exists(Path.Combine(folder, Complete)))
        {
            return null;
        }

        // Mark it used, for the eviction order.
        File.SetLastWriteTimeUtc(Path.Combine(folder, Complete), DateTime.UtcNow);
        return folder;
    }

    /// <summary>
    /// The complete folder for <paramref name="key"/>: found, or made by <paramref name="build"/>
    /// (which fills the folder it is given; an exception leaves nothing behind).
    /// </summary>
    public (string Folder, bool Built) GetOrCreate(string key, Action<string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (Find(key) is { } found)
        {
            return (found, false);
        }

        Directory.CreateDirectory(Root);
        var staging = Path.Combine(Root, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            build(staging);
            File.WriteAllText(Path.Combine(staging, Complete), key);
            var folder = Path.Combine(Root, key);
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Find(key) is not null)
            {
                // Another run finished the same key first: use its folder.
                return (folder, false);
            }

            Evict(key);
            return (folder, true);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private void Evict(string keep)
    {
        var entries = Directory.EnumerateDirectories(Root)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && Path.GetFileName(d) != keep && File.Exists(Path.Combine(d, Complete)))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, Complete)))
            .Skip(Keep - 1);
        foreach (var entry in entries)
        {
            try
            {
                // Renamed away first, so no reader picks up an entry while it is being deleted.
                var doomed = Path.Combine(Root, ".evicted-" + Guid.NewGuid().ToString("N"));
                Directory.Move(entry, doomed);
                Directory.Delete(doomed, recursive: true);
            }
            catch (IOException)
            {
                // In use or already gone: leave it for the next run.
            }
        }
    }
}
