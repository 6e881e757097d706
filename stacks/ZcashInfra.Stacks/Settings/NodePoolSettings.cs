using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One entry of <c>zcash-infra:nodePools</c>: a GKE node pool or EKS managed node group.</summary>
public sealed record NodePoolSettings
{
    /// <summary>Pool name (a DNS label). Required.</summary>
    public required string Name { get; init; }

    /// <summary>system, nodes or ci. Required.</summary>
    public required PoolRole Role { get; init; }

    /// <summary>Machine type (GKE, e.g. n2-standard-8) or instance type (EKS, e.g. m6i.2xlarge). Required.</summary>
    public required string MachineType { get; init; }

    /// <summary>Autoscaling minimum. Default 1 (0 is allowed for ci).</summary>
    public int MinNodes { get; init; } = 1;

    /// <summary>Autoscaling maximum. Default 3.</summary>
    public int MaxNodes { get; init; } = 3;

    /// <summary>Boot disk size in GB. Default 100.</summary>
    public int DiskSizeGb { get; init; } = 100;

    /// <summary>Use spot / preemptible capacity. Default false.</summary>
    public bool Spot { get; init; }

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        errors.Require(KubernetesNames.IsDnsLabel(Name ?? string.Empty), path["name"], KubernetesNames.DnsLabelRule(Name ?? string.Empty));
        errors.NotBlank(MachineType, path["machineType"]);
        errors.AtLeast(MinNodes, Role == PoolRole.Ci ? 0 : 1, path["minNodes"]);
        errors.Require(MaxNodes >= MinNodes, path["maxNodes"], $"must be ≥ minNodes ({MinNodes}), got {MaxNodes}");
        errors.AtLeast(DiskSizeGb, 20, path["diskSizeGb"]);
        errors.Require(!(Spot && Role == PoolRole.Nodes && stack.Environment == Components.Policies.EnvironmentTier.Production),
            path["spot"], "spot capacity is not allowed for the nodes pool in production (a reclaimed node interrupts a full node)");
    }
}
