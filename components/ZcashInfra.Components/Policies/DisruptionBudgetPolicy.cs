using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// A workload with more than one replica has a PodDisruptionBudget over its pods, so a node drain
/// or cluster upgrade cannot take every replica down at once.
/// </summary>
public sealed class DisruptionBudgetPolicy : IPolicy
{
    private static readonly HashSet<string> ReplicatedKinds = new(StringComparer.Ordinal) { "StatefulSet", "Deployment", "ReplicaSet" };

    /// <inheritdoc />
    public string Id => "pdb-when-replicated";

    /// <inheritdoc />
    public string Description => "workloads with replicas > 1 have a PodDisruptionBudget selecting their pods";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var budgets = context.Graph.Resources
            .Where(n => n.Type == "kubernetes:policy/v1:PodDisruptionBudget")
            .Select(n => (Namespace: Workloads.Text(n.Inputs["metadata"]?["namespace"]), Selector: n.Inputs["spec"]?["selector"]?["matchLabels"] as JsonObject))
            .Where(b => b.Selector is { Count: > 0 })
            .ToList();
        // Placeholder pods (warm capacity) run at a negative priority precisely so real work can
        // evict them at any time; a budget protecting them would defeat their purpose.
        var evictable = context.Graph.Resources
            .Where(n => n.Type == "kubernetes:scheduling.k8s.io/v1:PriorityClass"
                && n.Inputs["value"] is JsonValue v && v.TryGetValue<long>(out var value) && value < 0)
            .Select(n => Workloads.Text(n.Inputs["metadata"]?["name"]))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var pod in Workloads.Pods(context.Graph).Where(p => ReplicatedKinds.Contains(p.Kind)))
        {
            if (evictable.Contains(Workloads.Text(pod.Spec["priorityClassName"])))
            {
                continue;
            }

            var replicas = pod.Node.Inputs["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var n) ? n : 1;
            if (replicas <= 1)
            {
                continue;
            }

            var ns = Workloads.Text(pod.Node.Inputs["metadata"]?["namespace"]);
            var covered = budgets.Any(b => b.Namespace == ns && b.Selector!.All(kv => Workloads.Text(pod.Labels[kv.Key]) == Workloads.Text(kv.Value)));
            if (!covered)
            {
                yield return new Finding(Id, pod.Node.Path, $"{pod.Kind} with {replicas} replicas has no PodDisruptionBudget selecting its pods");
            }
        }
    }
}
