namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// The object operations publish needs, with the conditional writes that make a shared index safe:
/// create-only (the lock) and replace-only-if-unchanged (the index). S3, GCS and a directory
/// implement it.
/// </summary>
public interface IObjectStore
{
    /// <summary>How a key is named in logs and errors (<c>s3://bucket/key</c>); never credentials.</summary>
    string Describe(string key);

    /// <summary>The URL readers use to fetch <paramref name="key"/> (before any --public-base-url override).</summary>
    Uri PublicUrl(string key);

    Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken);

    /// <summary>The object's text and version token (ETag, generation, content hash); null when absent.</summary>
    Task<StoredText?> GetTextAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> if <paramref name="condition"/> holds; false when it does not (someone else wrote first).</summary>
    Task<bool> PutTextAsync(string key, string content, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="key"/> (no error when absent).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
