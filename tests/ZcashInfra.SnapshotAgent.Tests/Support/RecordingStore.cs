using System.Collections.Concurrent;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>A real store that also records the order of writes and deletes ("put key", "upload key", "delete key").</summary>
public sealed class RecordingStore(IObjectStore inner) : IObjectStore
{
    public ConcurrentQueue<string> Log { get; } = new();

    public string Describe(string key) => inner.Describe(key);

    public Uri Url(string key) => inner.Url(key);

    public async Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        await inner.UploadFileAsync(key, path, contentType, cancellationToken);
        Log.Enqueue("upload " + key);
    }

    public Task<StoredText?> GetTextAsync(string key, CancellationToken cancellationToken) => inner.GetTextAsync(key, cancellationToken);

    public async Task<bool> PutTextAsync(string key, string content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var written = await inner.PutTextAsync(key, content, condition, cancellationToken);
        Log.Enqueue((written ? "put " : "refused ") + key);
        return written;
    }

    public Task<ObjectRead?> OpenReadAsync(string key, long offset, string? version, CancellationToken cancellationToken) => inner.OpenReadAsync(key, offset, version, cancellationToken);

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await inner.DeleteAsync(key, cancellationToken);
        Log.Enqueue("delete " + key);
    }
}
