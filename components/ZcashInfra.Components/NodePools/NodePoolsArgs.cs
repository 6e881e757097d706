using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.NodePools;

/// <summary>Arguments of <see cref="NodePoolsComponent"/>: the pools added to an existing GKE or EKS cluster.</summary>
public sealed record NodePoolsArgs
{
    /// <summary>GKE (gcp) or EKS (aws). Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>Graph path of the explicit cloud provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The existing cluster's name. Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The pools. Required (at most one per role: the role label is what workloads select).</summary>
    public required IReadOnlyList<NodePoolArgs> Pools { get; init; }

    /// <summary>GKE: the project (service account email, IAM grants). Required for gcp.</summary>
    public string? GcpProject { get; init; }

    /// <summary>GKE: the cluster's location (region or zone). Required for gcp.</summary>
    public string? Location { get; init; }

    /// <summary>GKE: zones a pool spreads over unless it names its own. Default: the cluster's node locations.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>EKS: the account (node role ARN). Required for aws.</summary>
    public string? AwsAccountId { get; init; }

    /// <summary>EKS: subnets a node group launches in unless it names its own. Default none (then every pool must name them).</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>
    /// The pools' identity: GCP service account id or IAM node role name.
    /// Default <c>zcash-&lt;stack&gt;-nodes</c> (gcp) / <c>zcash-infra-&lt;stack&gt;-nodes</c> (aws).
    /// </summary>
    public string? IdentityName { get; init; }

    /// <summary>Labels / tags for the cloud resources (the project's own are added). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>One node pool (GKE) or managed node group (EKS).</summary>
public sealed record NodePoolArgs
{
    /// <summary>Physical pool name (a DNS label; at most 40 characters on GKE). Required.</summary>
    public required string Name { get; init; }

    /// <summary>What runs there; decides its labels and taints (<see cref="PoolPlacement"/>). Required.</summary>
    public required PoolRole Role { get; init; }

    /// <summary>Machine type (n2-standard-8) or instance type (m6i.2xlarge). Required.</summary>
    public required string MachineType { get; init; }

    /// <summary>Fewest nodes across all zones (0 lets the pool scale to nothing). Default 1.</summary>
    public int MinNodes { get; init; } = 1;

    /// <summary>Most nodes across all zones. Default 3.</summary>
    public int MaxNodes { get; init; } = 3;

    /// <summary>Boot disk size in GB. Default 100.</summary>
    public int DiskSizeGb { get; init; } = 100;

    /// <summary>GKE boot disk type. Default <see cref="BootDisks.GkeDefault"/> (pd-ssd for nodes, Hyperdisk where the family needs it).</summary>
    public string? DiskType { get; init; }

    /// <summary>Spot capacity (GKE spot VMs, EKS SPOT). Default false.</summary>
    public bool Spot { get; init; }

    /// <summary>GKE zones. Default: <see cref="NodePoolsArgs.Zones"/>.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>EKS subnets. Default: <see cref="NodePoolsArgs.SubnetIds"/>.</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary><see cref="MaxSurge"/> when none is given.</summary>
    public const int DefaultGkeMaxSurge = 1;

    /// <summary><see cref="MaxUnavailable"/> on GKE when none is given: surge only, no node down before its replacement is up.</summary>
    public const int DefaultGkeMaxUnavailable = 0;

    /// <summary><see cref="MaxUnavailable"/> on EKS when none is given (EKS's minimum; it has no surge setting).</summary>
    public const int DefaultEksMaxUnavailable = 1;

    /// <summary>GKE surge upgrades: extra nodes created during an upgrade. Default <see cref="DefaultGkeMaxSurge"/>.</summary>
    public int? MaxSurge { get; init; }

    /// <summary>Nodes that may be down at once during an upgrade. Default <see cref="DefaultGkeMaxUnavailable"/> / <see cref="DefaultEksMaxUnavailable"/>.</summary>
    public int? MaxUnavailable { get; init; }
}

/// <summary>What the node pools give the stack.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="PoolPaths">Graph paths of the pool resources, by role (for dependsOn).</param>
/// <param name="PoolNames">Physical pool names, by role.</param>
/// <param name="Identity">The nodes' cloud identity: service account email or node role ARN.</param>
public sealed record NodePoolsOutputs(
    string ComponentPath,
    IReadOnlyDictionary<PoolRole, string> PoolPaths,
    IReadOnlyDictionary<PoolRole, string> PoolNames,
    string Identity);
