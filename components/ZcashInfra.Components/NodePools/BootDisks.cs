namespace ZcashInfra.Components.NodePools;

/// <summary>GKE boot disk types: which exist, and which a pool gets when its settings name none.</summary>
public static class BootDisks
{
    /// <summary>Boot disk types a GKE node pool accepts.</summary>
    public static readonly IReadOnlyList<string> GkeTypes = ["pd-balanced", "pd-ssd", "pd-standard", "hyperdisk-balanced"];

    /// <summary>
    /// The default: Hyperdisk where the machine family only boots from it, SSD for Zcash nodes (image
    /// pulls and logs compete with a syncing node for I/O), balanced PD for everything else.
    /// </summary>
    public static string GkeDefault(PoolRole role, string machineType) =>
        MachineTypes.IsHyperdiskOnly(machineType) ? "hyperdisk-balanced"
        : role == PoolRole.Nodes ? "pd-ssd"
        : "pd-balanced";
}
