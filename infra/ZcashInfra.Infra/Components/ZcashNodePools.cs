using System.Collections.Immutable;
using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Providers;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashNodePools"/> (the same decisions as <see cref="NodePoolsArgs"/>).</summary>
public sealed class ZcashNodePoolsArgs
{
    /// <summary>GKE (gcp) or EKS (aws). Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>The existing cluster's name. Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The pools, at most one per role. Required.</summary>
    public required IReadOnlyList<NodePoolSpec> Pools { get; init; }

    /// <summary>The cloud provider to use. Default: the program's default provider for that cloud.</summary>
    public ProviderResource? Provider { get; init; }

    /// <summary>GKE: the project. Required for gcp.</summary>
    public string? GcpProject { get; init; }

    /// <summary>GKE: the cluster's location. Required for gcp.</summary>
    public string? Location { get; init; }

    /// <summary>GKE: zones for pools that name none. Default: the cluster's node locations.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>EKS: the account id. Required for aws.</summary>
    public string? AwsAccountId { get; init; }

    /// <summary>EKS: subnets for pools that name none. Default none.</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>The nodes' service account id / role name. Default derived from the stack name.</summary>
    public string? IdentityName { get; init; }

    /// <summary>Labels / tags (the project's own are added). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Node pools for an existing GKE or EKS cluster as a reusable Pulumi component
/// (<c>zcash-infra:index:NodePools</c>): <c>new ZcashNodePools("pools", new ZcashNodePoolsArgs { … })</c>.
/// </summary>
public sealed class ZcashNodePools : GraphComponentResource
{
    /// <summary>Declares the pools, their identity and its grants.</summary>
    public ZcashNodePools(string name, ZcashNodePoolsArgs args, ComponentResourceOptions? options = null)
        : base(NodePools.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider(args.Cloud.ToString().ToLowerInvariant(), args.Provider);
        var outputs = NodePools.Declare(fragment.Root, name, new NodePoolsArgs
        {
            Cloud = args.Cloud,
            Provider = provider,
            ClusterName = args.ClusterName,
            Pools = args.Pools,
            GcpProject = args.GcpProject,
            Location = args.Location,
            Zones = args.Zones,
            AwsAccountId = args.AwsAccountId,
            SubnetIds = args.SubnetIds,
            IdentityName = args.IdentityName,
            Labels = args.Labels,
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        PoolNames = bound.Describing(outputs.PoolNames.ToImmutableDictionary(kv => PoolPlacement.RoleValue(kv.Key), kv => kv.Value, StringComparer.Ordinal));
        NodeIdentity = bound.Describing(outputs.Identity);
        Complete(new Dictionary<string, object?>
        {
            ["poolNames"] = PoolNames,
            [NodePools.IdentityOutput] = NodeIdentity,
        });
    }

    /// <summary>Physical pool names by role (<c>system</c>, <c>nodes</c>, <c>ci</c>).</summary>
    [Output("poolNames")]
    public Output<ImmutableDictionary<string, string>> PoolNames { get; private set; }

    /// <summary>The nodes' identity: service account email or node role ARN.</summary>
    [Output("nodeIdentity")]
    public Output<string> NodeIdentity { get; private set; }
}
