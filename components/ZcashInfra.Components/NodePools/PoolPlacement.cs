using System.Text.Json.Nodes;

namespace ZcashInfra.Components.NodePools;

/// <summary>What a node pool is for; workloads are placed by role.</summary>
public enum PoolRole
{
    /// <summary>Cluster add-ons and controllers.</summary>
    System,

    /// <summary>Zcash full nodes: on-demand, SSD-backed, larger memory.</summary>
    Nodes,

    /// <summary>CI work: autoscaled, spot allowed, may scale to zero.</summary>
    Ci,
}

/// <summary>A node taint.</summary>
/// <param name="Key">Taint key.</param>
/// <param name="Value">Taint value.</param>
/// <param name="Effect">Kubernetes effect name (NoSchedule, PreferNoSchedule, NoExecute).</param>
public sealed record PoolTaint(string Key, string Value, string Effect);

/// <summary>
/// The single source of truth for how pools and workloads meet: the label every pool of a role
/// carries, the taints it has, and the nodeSelector and tolerations a workload for that role uses.
/// Node pools (GKE, EKS) are declared from it and node sets, CI pods and jobs are placed by it.
/// </summary>
public static class PoolPlacement
{
    /// <summary>The node label that names a pool's role.</summary>
    public const string RoleLabel = "zcash-infra/pool-role";

    /// <summary>The label value for a role (lowercase role name).</summary>
    public static string RoleValue(PoolRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The node labels a pool of this role carries.</summary>
    public static IReadOnlyDictionary<string, string> Labels(PoolRole role) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { [RoleLabel] = RoleValue(role) };

    /// <summary>
    /// The taints a pool of this role carries: CI nodes repel everything but CI pods (spot nodes
    /// come and go), and Zcash nodes repel everything but node pods (they need the memory and disk).
    /// </summary>
    public static IReadOnlyList<PoolTaint> Taints(PoolRole role) => role switch
    {
        PoolRole.Ci => [new PoolTaint(RoleLabel, RoleValue(PoolRole.Ci), "NoSchedule")],
        PoolRole.Nodes => [new PoolTaint(RoleLabel, RoleValue(PoolRole.Nodes), "NoSchedule")],
        _ => [],
    };

    /// <summary>A pod spec's nodeSelector for this role.</summary>
    public static JsonObject NodeSelector(PoolRole role) => new() { [RoleLabel] = RoleValue(role) };

    /// <summary>A pod spec's tolerations for this role's taints.</summary>
    public static JsonArray Tolerations(PoolRole role) =>
        new([.. Taints(role).Select(t => (JsonNode)new JsonObject
        {
            ["key"] = t.Key,
            ["operator"] = "Equal",
            ["value"] = t.Value,
            ["effect"] = t.Effect,
        })]);
}
