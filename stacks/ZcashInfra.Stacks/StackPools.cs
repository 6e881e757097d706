using System.Collections.Immutable;
using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Stacks;

/// <summary>
/// The node pools a stack declares, by role: workloads whose pods select a role depend on its pool,
/// so the first <c>up</c> does not create pods before there are nodes for them.
/// </summary>
/// <param name="Paths">Graph path of each declared pool, by role.</param>
internal sealed record StackPools(IReadOnlyDictionary<PoolRole, string> Paths)
{
    /// <summary>A stack without pools of its own (an existing cluster's nodes).</summary>
    public static readonly StackPools None = new(new Dictionary<PoolRole, string>());

    /// <summary>The dependsOn entries for a workload placed on <paramref name="role"/>: its pool, when the stack declares one.</summary>
    public ImmutableArray<string> For(PoolRole role) => Paths.TryGetValue(role, out var path) ? [path] : [];
}
