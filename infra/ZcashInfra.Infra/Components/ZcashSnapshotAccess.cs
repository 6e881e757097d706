using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// The snapshot reader and writer (Kubernetes service accounts bound to least-privilege cloud
/// identities) as a reusable Pulumi component (<c>zcash-infra:index:SnapshotAccess</c>).
/// </summary>
public sealed class ZcashSnapshotAccess : GraphComponentResource
{
    /// <summary>Declares both identities and their service accounts.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="SnapshotAccessArgs"/>); its provider paths are set here.</param>
    /// <param name="kubernetesProvider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="cloudProvider">The cloud provider, with <see cref="SnapshotAccessArgs.Cloud"/>. Default: the program's default provider of that cloud.</param>
    /// <param name="options">Resource options.</param>
    public ZcashSnapshotAccess(string name, SnapshotAccessArgs args, ProviderResource? kubernetesProvider = null, ProviderResource? cloudProvider = null, ComponentResourceOptions? options = null)
        : base(SnapshotAccessComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var kubernetes = fragment.Provider("kubernetes", kubernetesProvider);
        var cloud = args.Cloud is { } access ? access with { Provider = fragment.Provider(access.Cloud.ToString().ToLowerInvariant(), cloudProvider) } : null;
        var outputs = SnapshotAccessComponent.Declare(fragment.Root, name, args with { KubernetesProvider = kubernetes, Cloud = cloud });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        ReaderServiceAccount = bound.Describing(SnapshotIdentities.ReaderServiceAccount);
        WriterServiceAccount = bound.Describing(SnapshotIdentities.WriterServiceAccount);
        ReaderIdentity = bound.Describing(outputs.ReaderIdentity ?? string.Empty);
        WriterIdentity = bound.Describing(outputs.WriterIdentity ?? string.Empty);
        Complete(new Dictionary<string, object?>
        {
            ["readerServiceAccount"] = ReaderServiceAccount,
            ["writerServiceAccount"] = WriterServiceAccount,
            [SnapshotAccessComponent.ReaderIdentityOutput] = ReaderIdentity,
            [SnapshotAccessComponent.WriterIdentityOutput] = WriterIdentity,
        });
    }

    /// <summary>The reader's Kubernetes service account (namespace <c>zcash</c>): node pods run as it.</summary>
    [Output("readerServiceAccount")]
    public Output<string> ReaderServiceAccount { get; private set; }

    /// <summary>The writer's Kubernetes service account: the snapshot job runs as it.</summary>
    [Output("writerServiceAccount")]
    public Output<string> WriterServiceAccount { get; private set; }

    /// <summary>The reader's cloud identity (email or role ARN); empty without a cloud.</summary>
    [Output("readerIdentity")]
    public Output<string> ReaderIdentity { get; private set; }

    /// <summary>The writer's cloud identity; empty without a cloud.</summary>
    [Output("writerIdentity")]
    public Output<string> WriterIdentity { get; private set; }
}
