using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashSnapshotStore"/> (the same decisions as <see cref="SnapshotStoreArgs"/>).</summary>
public sealed class ZcashSnapshotStoreArgs
{
    /// <summary>Which cloud's object storage. Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>Physical bucket name (globally unique). Required.</summary>
    public required string BucketName { get; init; }

    /// <summary>GCS location or S3 region. Required.</summary>
    public required string Location { get; init; }

    /// <summary>The cloud provider to use. Default: the program's default provider for that cloud.</summary>
    public ProviderResource? Provider { get; init; }

    /// <summary>Allow anonymous object reads (never listing or writing). Default false.</summary>
    public bool PublicRead { get; init; }

    /// <summary>Delete archives older than this; 0 disables it. Default 0.</summary>
    public int ArchiveMaxAgeDays { get; init; }

    /// <summary>Delete non-current object versions after this many days. Default 7.</summary>
    public int NoncurrentVersionDays { get; init; } = 7;

    /// <summary>Protect and retain the bucket. Default false.</summary>
    public bool Durable { get; init; }

    /// <summary>Labels / tags (the project's own are added). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The snapshot bucket as a reusable Pulumi component (<c>zcash-infra:index:SnapshotStore</c>):
/// <c>new ZcashSnapshotStore("snapshots", new ZcashSnapshotStoreArgs { … })</c> in any Pulumi C# program.
/// </summary>
public sealed class ZcashSnapshotStore : GraphComponentResource
{
    /// <summary>Declares the store and its children.</summary>
    public ZcashSnapshotStore(string name, ZcashSnapshotStoreArgs args, ComponentResourceOptions? options = null)
        : base(SnapshotStore.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider(args.Cloud.ToString().ToLowerInvariant(), args.Provider);
        var outputs = SnapshotStore.Declare(fragment.Root, name, new SnapshotStoreArgs
        {
            Cloud = args.Cloud,
            BucketName = args.BucketName,
            Location = args.Location,
            Provider = provider,
            PublicRead = args.PublicRead,
            ArchiveMaxAgeDays = args.ArchiveMaxAgeDays,
            NoncurrentVersionDays = args.NoncurrentVersionDays,
            Durable = args.Durable,
            Labels = args.Labels,
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        BucketName = bound.Describing(outputs.BucketName);
        BucketUrl = bound.Describing(outputs.BucketUrl);
        PublicBaseUrl = bound.Describing(outputs.PublicBaseUrl ?? string.Empty);
        Complete(new Dictionary<string, object?>
        {
            ["bucketName"] = BucketName,
            ["bucketUrl"] = BucketUrl,
            ["publicBaseUrl"] = PublicBaseUrl,
        });
    }

    /// <summary>The bucket's physical name.</summary>
    [Output("bucketName")]
    public Output<string> BucketName { get; private set; }

    /// <summary><c>gs://…</c> or <c>s3://…</c>, as the snapshot agent addresses it.</summary>
    [Output("bucketUrl")]
    public Output<string> BucketUrl { get; private set; }

    /// <summary>The HTTPS base URL anonymous readers use; empty when the bucket is private.</summary>
    [Output("publicBaseUrl")]
    public Output<string> PublicBaseUrl { get; private set; }
}
