using System.Text.Json.Nodes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every node pool says what it is for (the role label), and the CI pool carries the CI taint, so
/// nothing but CI pods lands on its spot, scale-to-zero nodes.
/// </summary>
public sealed class CiPoolTaintedPolicy : IPolicy
{
    private const string GkePool = "gcp:container/nodePool:NodePool";
    private const string EksNodeGroup = "aws:eks/nodeGroup:NodeGroup";

    /// <inheritdoc />
    public string Id => "ci-pool-tainted";

    /// <inheritdoc />
    public string Description => $"node pools carry the {PoolPlacement.RoleLabel} label, and CI pools the CI taint";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var node in context.Graph.Resources.Where(n => n.Type is GkePool or EksNodeGroup))
        {
            // GKE keeps Kubernetes labels and taints under nodeConfig; EKS at the top.
            var kubernetes = node.Type == GkePool ? node.Inputs["nodeConfig"] : node.Inputs;
            var labels = kubernetes?["labels"];
            var taints = kubernetes?["taints"];
            var role = labels?[PoolPlacement.RoleLabel] is JsonValue v && v.TryGetValue<string>(out var r) ? r : null;
            if (role is null)
            {
                yield return new Finding(Id, node.Path, $"carries no {PoolPlacement.RoleLabel} label, so no workload is placed on it by role");
                continue;
            }

            if (role != PoolPlacement.RoleValue(PoolRole.Ci))
            {
                continue;
            }

            var carried = (taints as JsonArray ?? []).Select(t => (Key: Text(t?["key"]), Value: Text(t?["value"]), Effect: Text(t?["effect"]))).ToList();
            foreach (var required in PoolPlacement.Taints(PoolRole.Ci))
            {
                if (!carried.Contains((required.Key, required.Value, TaintEffects.ToCloud(required.Effect))))
                {
                    yield return new Finding(Id, node.Path,
                        $"CI pool lacks the taint {required.Key}={required.Value}:{required.Effect}; any pod could land on its spot, scale-to-zero nodes");
                }
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
