using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One entry of <c>zcash-infra:nodePools</c>: a GKE node pool or EKS managed node group.</summary>
public sealed record NodePoolSettings
{
    /// <summary>GKE node pool names are at most 40 characters.</summary>
    public const int GkeMaxNameLength = 40;

    /// <summary>Pool name (a DNS label; at most 40 characters on GKE). Required.</summary>
    public required string Name { get; init; }

    /// <summary>system, nodes or ci (at most one pool each). Required.</summary>
    public required PoolRole Role { get; init; }

    /// <summary>Machine type (GKE, e.g. n2-standard-8) or instance type (EKS, e.g. m6i.2xlarge). Required.</summary>
    public required string MachineType { get; init; }

    /// <summary>Autoscaling minimum, across all zones. Default 1 (0 is allowed for ci).</summary>
    public int MinNodes { get; init; } = PoolDefaults.MinNodes;

    /// <summary>Autoscaling maximum, across all zones. Default 3.</summary>
    public int MaxNodes { get; init; } = PoolDefaults.MaxNodes;

    /// <summary>Boot disk size in GB. Default 100.</summary>
    public int DiskSizeGb { get; init; } = PoolDefaults.DiskSizeGb;

    /// <summary>
    /// GKE boot disk type: pd-balanced, pd-ssd, pd-standard or hyperdisk-balanced. Default:
    /// hyperdisk-balanced for machine families that only boot from it, else pd-ssd for the nodes pool
    /// and pd-balanced for the others.
    /// </summary>
    public string? DiskType { get; init; }

    /// <summary>Use spot / preemptible capacity. Default false.</summary>
    public bool Spot { get; init; }

    /// <summary>GKE: zones of <c>gcp.region</c> the pool spreads over. Default: <c>gcp.zones</c>, else the cluster's node locations.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>EKS: subnets the node group launches in. Default: <c>aws.subnetIds</c>.</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>GKE: extra nodes created during a surge upgrade. Default: 1.</summary>
    public int? MaxSurge { get; init; }

    /// <summary>Nodes that may be unavailable during an upgrade. Default: 0 on gcp (surge only), 1 on aws (EKS's minimum).</summary>
    public int? MaxUnavailable { get; init; }

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        errors.Require(KubernetesNames.IsDnsLabel(Name ?? string.Empty), path["name"], KubernetesNames.DnsLabelRule(Name ?? string.Empty));
        errors.NotBlank(MachineType, path["machineType"]);
        errors.AtLeast(MinNodes, Role == PoolRole.Ci ? 0 : 1, path["minNodes"]);
        errors.Require(MaxNodes >= MinNodes, path["maxNodes"], $"must be ≥ minNodes ({MinNodes}), got {MaxNodes}");
        errors.AtLeast(DiskSizeGb, 20, path["diskSizeGb"]);
        errors.Require(!(Spot && Role == PoolRole.Nodes && stack.Environment == EnvironmentTier.Production),
            path["spot"], "spot capacity is not allowed for the nodes pool in production (a reclaimed node interrupts a full node)");

        switch (stack.Cloud)
        {
            case Cloud.Gcp:
                ValidateGke(path, stack, errors);
                break;
            case Cloud.Aws:
                ValidateEks(path, stack, errors);
                break;
        }
    }

    /// <summary>One pool per role: the role label is all a workload selects, so a second pool of a role would be indistinguishable.</summary>
    internal static void ValidateRoles(IReadOnlyList<NodePoolSettings> pools, SettingsPath path, SettingsErrors errors)
    {
        var first = new Dictionary<PoolRole, int>();
        for (var i = 0; i < pools.Count; i++)
        {
            if (!first.TryAdd(pools[i].Role, i))
            {
                errors.Add(path[i]["role"], $"'{PoolPlacement.RoleValue(pools[i].Role)}' already has a pool ({path[first[pools[i].Role]]}); use one pool per role and spread it over zones");
            }
        }
    }

    private void ValidateGke(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        errors.Require((Name ?? string.Empty).Length <= GkeMaxNameLength, path["name"], $"must be at most {GkeMaxNameLength} characters on GKE, got {Name?.Length}");
        if (!string.IsNullOrWhiteSpace(MachineType) && MachineTypes.Problem(Cloud.Gcp, MachineType) is { } machine)
        {
            errors.Add(path["machineType"], machine);
        }

        if (DiskType is not null)
        {
            errors.Require(BootDisks.GkeTypes.Contains(DiskType), path["diskType"], $"must be one of {string.Join(", ", BootDisks.GkeTypes)}, got '{DiskType}'");
            errors.Require(!(DiskType.StartsWith("pd-", StringComparison.Ordinal) && MachineTypes.IsHyperdiskOnly(MachineType)), path["diskType"],
                $"{MachineType} machines only boot from Hyperdisk; use hyperdisk-balanced, got '{DiskType}'");
        }

        var region = stack.Gcp?.Region;
        for (var i = 0; i < Zones.Count; i++)
        {
            errors.Require(region is null || Zones[i].StartsWith(region + "-", StringComparison.Ordinal), path["zones"][i], $"must be a zone of region {region}, got '{Zones[i]}'");
        }

        errors.Require(SubnetIds.Count == 0, path["subnetIds"], "is only meaningful when cloud is aws (on gcp, zones place the pool)");
        var surge = MaxSurge ?? NodePoolArgs.DefaultGkeMaxSurge;
        var unavailable = MaxUnavailable ?? NodePoolArgs.DefaultGkeMaxUnavailable;
        errors.AtLeast(surge, 0, path["maxSurge"]);
        errors.AtLeast(unavailable, 0, path["maxUnavailable"]);
        errors.Require(surge + unavailable >= 1, path["maxUnavailable"], "must be ≥ 1 when maxSurge is 0, or an upgrade cannot make progress");
    }

    private void ValidateEks(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(MachineType) && MachineTypes.Problem(Cloud.Aws, MachineType) is { } machine)
        {
            errors.Add(path["machineType"], machine);
        }

        errors.Require(DiskType is null, path["diskType"], "is only meaningful when cloud is gcp (EKS node groups boot from the AMI's root volume type)");
        errors.Require(Zones.Count == 0, path["zones"], "is only meaningful when cloud is gcp (on aws, subnetIds choose the zones)");
        errors.Require(MaxSurge is null, path["maxSurge"], "is only meaningful when cloud is gcp (EKS upgrades by maxUnavailable)");
        errors.AtLeast(MaxUnavailable ?? NodePoolArgs.DefaultEksMaxUnavailable, 1, path["maxUnavailable"]);
        for (var i = 0; i < SubnetIds.Count; i++)
        {
            errors.Require(AwsSettings.IsSubnetId(SubnetIds[i]), path["subnetIds"][i], AwsSettings.SubnetIdRule(SubnetIds[i]));
        }

        errors.Require(SubnetIds.Count > 0 || stack.Aws?.SubnetIds.Count > 0, path["subnetIds"],
            "is required on aws: set aws.subnetIds (the subnets node groups launch in) or subnetIds on this pool");
    }

    /// <summary>The component's defaults, which these settings take instead of restating them.</summary>
    private static NodePoolArgs PoolDefaults { get; } = new() { Name = string.Empty, Role = default, MachineType = string.Empty };
}
