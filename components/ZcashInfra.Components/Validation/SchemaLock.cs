using System.Security.Cryptography;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// <c>scripts/schemas.lock</c>: every file of the offline schema folder with its SHA-256 and where
/// it comes from — a commit-pinned public URL, or <c>repo:&lt;path&gt;</c> for files committed in
/// this repository (the Pulumi provider indexes). A schema folder is complete for this checkout
/// when its <c>SHA256SUMS</c> lists every locked file with the locked digest.
/// </summary>
public sealed class SchemaLock
{
    /// <summary>Where the lock lives in the repository.</summary>
    public const string RelativePath = "scripts/schemas.lock";

    /// <summary>The prefix of a source that is a file in this repository.</summary>
    public const string RepoPrefix = "repo:";

    /// <summary>The digest list every installed schema folder carries (sha256sum's format).</summary>
    public const string SumsFile = "SHA256SUMS";

    private SchemaLock(IReadOnlyList<SchemaLockEntry> entries) => Entries = entries;

    /// <summary>The locked files, in the lock's order.</summary>
    public IReadOnlyList<SchemaLockEntry> Entries { get; }

    /// <summary>Reads a lock file; a malformed line is an error naming its line.</summary>
    public static SchemaLock Read(string file)
    {
        var entries = new List<SchemaLockEntry>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || fields[0].Length != 64 || !fields[0].All(Uri.IsHexDigit) || fields[1].Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(fields[1]))
            {
                throw new InvalidDataException($"{file}:{i + 1}: expected '<sha256> <relative path> <url or repo:path>'");
            }

            entries.Add(new SchemaLockEntry(fields[0].ToLowerInvariant(), fields[1], fields[2]));
        }

        return new SchemaLock(entries);
    }

    /// <summary>The lock of the repository that holds <paramref name="directory"/>, or null outside one.</summary>
    public static SchemaLock? ForRepository(string directory) =>
        RepositoryRoot(directory) is { } root && File.Exists(Path.Combine(root, RelativePath)) ? Read(Path.Combine(root, RelativePath)) : null;

    /// <summary>The directory holding <c>ZcashInfra.sln</c> at or above <paramref name="directory"/>.</summary>
    public static string? RepositoryRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZcashInfra.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The locked files a schema folder lacks or holds with another digest, per its <c>SHA256SUMS</c>.</summary>
    public IReadOnlyList<SchemaLockEntry> MissingFrom(string folder)
    {
        var sums = Path.Combine(folder, SumsFile);
        if (!File.Exists(sums))
        {
            return Entries;
        }

        var listed = new HashSet<(string, string)>();
        foreach (var line in File.ReadLines(sums))
        {
            var fields = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (fields.Length == 2)
            {
                var path = fields[1].TrimStart('*');
                listed.Add((fields[0].ToLowerInvariant(), path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path));
            }
        }

        return [.. Entries.Where(e => !listed.Contains((e.Sha256, e.Path)))];
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static string Digest(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>One locked schema file.</summary>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Path">Its path inside the schema folder.</param>
/// <param name="Source">A commit-pinned URL, or <c>repo:&lt;path&gt;</c> for a file committed in this repository.</param>
public sealed record SchemaLockEntry(string Sha256, string Path, string Source);
