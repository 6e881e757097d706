using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// The snapshot bucket as a reusable Pulumi component (<c>zcash-infra:index:SnapshotStore</c>):
/// <c>new ZcashSnapshotStore("snapshots", new SnapshotStoreArgs { … }, provider)</c> in any Pulumi C# program.
/// </summary>
public sealed class ZcashSnapshotStore : GraphComponentResource
{
    /// <summary>Declares the store and its children.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="SnapshotStoreArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The cloud (GCP or AWS, as <see cref="SnapshotStoreArgs.Cloud"/>) provider. Default: the program's default cloud (GCP or AWS, as <see cref="SnapshotStoreArgs.Cloud"/>) provider.</param>
    /// <param name="options">Resource options.</param>
    public ZcashSnapshotStore(string name, SnapshotStoreArgs args, ProviderResource? provider = null, ComponentResourceOptions? options = null)
        : base(SnapshotStoreComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = SnapshotStoreComponent.Declare(fragment.Root, name, args with { Provider = fragment.Provider(args.Cloud.ToString().ToLowerInvariant(), provider) });
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
