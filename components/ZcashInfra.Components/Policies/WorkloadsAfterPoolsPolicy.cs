using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// A workload that selects a node-pool role carried by a pool declared in the same stack depends
/// on that pool (directly or through its own dependencies). Without the edge, the first <c>up</c>
/// creates the pods while the pool is still being created: they sit Pending, and any wait on them
/// runs out.
/// </summary>
public sealed class WorkloadsAfterPoolsPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "workloads-after-pools";

    /// <inheritdoc />
    public string Description => "workloads depend on the node pools of the same stack that their pods select";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var graph = context.Graph;
        var poolsByRole = graph.Resources
            .Select(n => (Node: n, Role: Workloads.Text(n.Type switch
            {
                "gcp:container/nodePool:NodePool" => n.Inputs["nodeConfig"]?["labels"]?[PoolPlacement.RoleLabel],
                "aws:eks/nodeGroup:NodeGroup" => n.Inputs["labels"]?[PoolPlacement.RoleLabel],
                _ => null,
            })))
            .Where(p => p.Role is not null)
            .GroupBy(p => p.Role!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Node.Path).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (poolsByRole.Count == 0)
        {
            yield break;
        }

        var byPath = graph.Nodes.ToDictionary(n => n.Path, StringComparer.Ordinal);
        foreach (var pod in Workloads.Pods(graph))
        {
            if (Workloads.Text(pod.Spec["nodeSelector"]?[PoolPlacement.RoleLabel]) is not { } role || !poolsByRole.TryGetValue(role, out var pools))
            {
                continue;
            }

            if (!DependsOnAny(pod.Node, pools, byPath))
            {
                yield return new Finding(Id, pod.Node.Path,
                    $"{pod.SpecPath}.nodeSelector selects {PoolPlacement.RoleLabel}={role}, but the workload does not depend on the stack's {role} pool ({string.Join(", ", pools.Order(StringComparer.Ordinal))}): add it to dependsOn");
            }
        }
    }

    private static bool DependsOnAny(GraphNode start, IReadOnlySet<string> targets, IReadOnlyDictionary<string, GraphNode> byPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(start.Options.DependsOn);
        while (pending.TryPop(out var path))
        {
            if (targets.Contains(path))
            {
                return true;
            }

            if (seen.Add(path) && byPath.TryGetValue(path, out var node))
            {
                foreach (var next in node.Options.DependsOn)
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }
}
