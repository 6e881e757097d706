using System.Collections.Immutable;
using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Providers;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// Node pools for an existing GKE or EKS cluster as a reusable Pulumi component
/// (<c>zcash-infra:index:NodePools</c>): <c>new ZcashNodePools("pools", new NodePoolsArgs { … }, provider)</c>.
/// </summary>
public sealed class ZcashNodePools : GraphComponentResource
{
    /// <summary>Declares the pools, their identity and its grants.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="NodePoolsArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The cloud (GCP or AWS, as <see cref="NodePoolsArgs.Cloud"/>) provider. Default: the program's default cloud (GCP or AWS, as <see cref="NodePoolsArgs.Cloud"/>) provider.</param>
    /// <param name="options">Resource options.</param>
    public ZcashNodePools(string name, NodePoolsArgs args, ProviderResource? provider = null, ComponentResourceOptions? options = null)
        : base(NodePoolsComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = NodePoolsComponent.Declare(fragment.Root, name, args with { Provider = fragment.Provider(args.Cloud.ToString().ToLowerInvariant(), provider) });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        PoolNames = bound.Describing(outputs.PoolNames.ToImmutableDictionary(kv => PoolPlacement.RoleValue(kv.Key), kv => kv.Value, StringComparer.Ordinal));
        NodeIdentity = bound.Describing(outputs.Identity);
        Complete(new Dictionary<string, object?>
        {
            ["poolNames"] = PoolNames,
            [NodePoolsComponent.IdentityOutput] = NodeIdentity,
        });
    }

    /// <summary>Physical pool names by role (<c>system</c>, <c>nodes</c>, <c>ci</c>).</summary>
    [Output("poolNames")]
    public Output<ImmutableDictionary<string, string>> PoolNames { get; private set; }

    /// <summary>The nodes' identity: service account email or node role ARN.</summary>
    [Output("nodeIdentity")]
    public Output<string> NodeIdentity { get; private set; }
}
