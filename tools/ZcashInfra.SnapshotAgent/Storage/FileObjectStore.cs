using System.Security.Cryptography;
using System.Text;
using ZcashInfra.SnapshotAgent.IO;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// A directory as an object store (a shared volume, or tests). Create-only writes use a hard link
/// from a complete temporary file (atomic, fails if the name exists); replace-if-unchanged holds a
/// short O_EXCL mutex file while it compares and renames.
/// </summary>
public sealed class FileObjectStore : IObjectStore
{
    private static readonly TimeSpan StaleMutex = TimeSpan.FromMinutes(1);
    private readonly string _root;

    public FileObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public string Describe(string key) => new Uri(PathOf(key)).ToString();

    public Uri Url(string key) => new(PathOf(key));

    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken) =>
        UploadFileAsync(key, path, contentType, _ => { }, cancellationToken);

    public async Task UploadFileAsync(string key, string path, string contentType, Action<long> sent, CancellationToken cancellationToken)
    {
        var destination = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = $"{destination}.upload-{Guid.NewGuid():N}";
        await using (var from = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var to = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            await new IO.CountingReadStream(from, sent).CopyToAsync(to, 1 << 20, cancellationToken).ConfigureAwait(false);
            to.Flush(flushToDisk: true);
        }

        // Readers see the whole object or none of it.
        File.Move(temporary, destination, overwrite: true);
    }

    public async Task<StoredText?> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var content = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return new StoredText(content, Version(content));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> PutTextAsync(string key, string content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (condition.IfAbsent)
        {
            var temporary = $"{path}.new-{Guid.NewGuid():N}";
            await File.WriteAllTextAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            try
            {
                // link(2) fails with EEXIST when the name is taken: an atomic create-only write.
                Native.Libc.CreateHardLink(temporary, path);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        if (condition.IfVersion is null)
        {
            AtomicFile.WriteAllText(path, content);
            return true;
        }

        var mutex = path + ".cas";
        await using var held = await AcquireMutexAsync(mutex, cancellationToken).ConfigureAwait(false);
        var current = await GetTextAsync(key, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Version != condition.IfVersion)
        {
            return false;
        }

        AtomicFile.WriteAllText(path, content);
        return true;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task<ObjectRead?> OpenReadAsync(string key, long offset, string? version, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<ObjectRead?>(null);
        }

        // Objects are replaced by rename, never rewritten in place: an open file is one version.
        stream.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<ObjectRead?>(new ObjectRead(stream, stream.Length, null));
    }

    private static string Version(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(_root, key));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"key {key} leaves the store root", nameof(key));
    }

    private static async Task<FileStream> AcquireMutexAsync(string mutex, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(mutex, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (File.Exists(mutex))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(mutex) > StaleMutex)
                {
                    File.Delete(mutex); // left by a killed process
                }

                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
