using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.SnapshotStore;

/// <summary>Arguments of <see cref="SnapshotStoreComponent"/>: the bucket that holds chain-state snapshots.</summary>
public sealed record SnapshotStoreArgs
{
    /// <summary>Which cloud's object storage. Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>Physical bucket name (globally unique). Required.</summary>
    public required string BucketName { get; init; }

    /// <summary>GCS location (e.g. us-central1) or S3 region. Required.</summary>
    public required string Location { get; init; }

    /// <summary>Graph path of the explicit cloud provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Allow anonymous reads of objects (never listing or writing). Default false.</summary>
    public bool PublicRead { get; init; }

    /// <summary>Delete archives (<c>*.tar.zst</c>, <c>*.tar.gz</c>, <c>*.tar</c>) older than this; 0 disables it. Default 0.</summary>
    public int ArchiveMaxAgeDays { get; init; }

    /// <summary>Delete overwritten or deleted object versions after this many days. Default 7.</summary>
    public int NoncurrentVersionDays { get; init; } = 7;

    /// <summary>Protect the bucket and retain it when the stack is destroyed; also refuses to empty it on delete. Default false.</summary>
    public bool ProtectState { get; init; }

    /// <summary>Labels / tags for the bucket (the project's own are added). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>What a snapshot store gives the components that use it.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="BucketPath">Graph path of the bucket resource (for dependsOn).</param>
/// <param name="BucketName">The bucket's physical name.</param>
/// <param name="BucketUrl">The bucket as the snapshot agent addresses it (<c>gs://…</c> or <c>s3://…</c>).</param>
/// <param name="PublicBaseUrl">The HTTPS base URL anonymous readers use, when the bucket is public.</param>
public sealed record SnapshotStoreOutputs(string ComponentPath, string BucketPath, string BucketName, string BucketUrl, string? PublicBaseUrl);
