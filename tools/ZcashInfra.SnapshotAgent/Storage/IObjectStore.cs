namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// The object operations the agent needs from a store: the conditional writes that make a shared
/// index safe for publish (create-only for the lock, replace-only-if-unchanged for the index), and
/// the ranged reads restore and verify resume with. S3, GCS and a directory implement it; one
/// instance (one client) serves every object of its bucket.
/// </summary>
public interface IObjectStore
{
    /// <summary>How a key is named in logs and errors (<c>s3://bucket/key</c>); never credentials.</summary>
    string Describe(string key);

    /// <summary>
    /// The store's own URL for <paramref name="key"/> (<c>s3://bucket/key</c>, <c>gs://bucket/key</c>,
    /// <c>file:///path</c>): what an index names when publish has no <c>--public-base-url</c>, and
    /// what restore reads with the pod's own credentials.
    /// </summary>
    Uri Url(string key);

    Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads like <see cref="UploadFileAsync(string, string, string, CancellationToken)"/>, calling
    /// <paramref name="sent"/> with each batch of bytes handed to the store (for progress lines). A
    /// store without progress reporting uploads the same way and reports nothing in between.
    /// </summary>
    Task UploadFileAsync(string key, string path, string contentType, Action<long> sent, CancellationToken cancellationToken) =>
        UploadFileAsync(key, path, contentType, cancellationToken);

    /// <summary>The object's text and version token (ETag, generation, content hash); null when absent.</summary>
    Task<StoredText?> GetTextAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> if <paramref name="condition"/> holds; false when it does not (someone else wrote first).</summary>
    Task<bool> PutTextAsync(string key, string content, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="key"/> (no error when absent).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="key"/> from byte <paramref name="offset"/> on; with
    /// <paramref name="version"/>, only if the object is still at that version. Null when the
    /// object does not exist.
    /// </summary>
    /// <exception cref="Download.TransientSourceException">A failure a retry may cure: 5xx, throttling, a reset, no token yet.</exception>
    /// <exception cref="Errors.AgentException">A final one, naming the object: access denied, the object changed, other 4xx.</exception>
    Task<ObjectRead?> OpenReadAsync(string key, long offset, string? version, CancellationToken cancellationToken);
}
