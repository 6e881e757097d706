namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// How publish splits a large archive: parts of <paramref name="PartBytes"/> (the last one shorter),
/// <paramref name="Connections"/> of them in flight at once, each its own request. S3 uses it for
/// its multipart upload; GCS for its parallel composite upload (with 1 connection, GCS keeps its
/// sequential resumable upload).
/// </summary>
/// <param name="Connections">Parts uploaded at once.</param>
/// <param name="PartBytes">Bytes per part, and the size from which an upload is split.</param>
public sealed record UploadTuning(int Connections, long PartBytes)
{
    public const int DefaultConnections = 8;

    /// <summary>64 MiB: S3's minimum part is 5 MiB (AWS S3 API reference, UploadPart); GCS has no minimum for composite components.</summary>
    public const long DefaultPartBytes = 64L << 20;

    /// <summary>S3's smallest part other than the last (AWS S3 API reference, UploadPart), so one value serves both stores.</summary>
    public const long MinPartBytes = 5L << 20;

    public static UploadTuning Default { get; } = new(DefaultConnections, DefaultPartBytes);
}
