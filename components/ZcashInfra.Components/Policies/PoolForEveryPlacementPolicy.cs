using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// On a stack that declares its own node pools (a gcp or aws stack), every pool role a pod selects
/// is carried by one of those pools: a node set with no <c>nodes</c> pool, or CI with no <c>ci</c>
/// pool, would deploy cleanly and then never schedule. An existing cluster labels its own nodes, so
/// stacks without a cloud provider are not checked.
/// </summary>
public sealed class PoolForEveryPlacementPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "pool-for-every-placement";

    /// <inheritdoc />
    public string Description => "on a cloud stack, every node-pool role a pod selects is carried by a declared node pool";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var graph = context.Graph;
        if (!graph.Resources.Any(n => n.Type is "pulumi:providers:gcp" or "pulumi:providers:aws"))
        {
            yield break;
        }

        var offered = graph.Resources
            .Select(n => n.Type switch
            {
                "gcp:container/nodePool:NodePool" => n.Inputs["nodeConfig"]?["labels"]?[PoolPlacement.RoleLabel],
                "aws:eks/nodeGroup:NodeGroup" => n.Inputs["labels"]?[PoolPlacement.RoleLabel],
                _ => null,
            })
            .Select(Workloads.Text)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var pod in Workloads.Pods(graph))
        {
            if (Workloads.Text(pod.Spec["nodeSelector"]?[PoolPlacement.RoleLabel]) is { } role && !offered.Contains(role))
            {
                yield return new Finding(Id, pod.Node.Path,
                    $"{pod.SpecPath}.nodeSelector selects {PoolPlacement.RoleLabel}={role}, but the stack declares no {role} pool: its pods would never schedule (add a nodePools entry with role: {role})");
            }
        }
    }
}
