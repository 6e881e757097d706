using System.Text.Json.Nodes;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Buildbot workers log in under names the master has declared: the PB manager refuses any other
/// (buildbot <c>master/buildbot/worker/protocols/manager/pb.py</c>, <c>requestAvatarId</c>). A worker
/// that takes <c>WORKERNAME</c> from its pod name must therefore be a StatefulSet's pod (a
/// Deployment's names are random), and the master-side list (<c>workers.txt</c> of
/// <see cref="CiWorkersComponent.MasterConfigName"/>) must name exactly its ordinals up to the most
/// replicas its scaler allows.
/// </summary>
public sealed class BuildbotWorkerNamesPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "buildbot-worker-names";

    /// <inheritdoc />
    public string Description => "Buildbot workers named after their pod are StatefulSet pods, and the master's worker list names every ordinal the scaler can create";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var manifests = KubernetesManifests.In(context.Graph).Select(m => m.Manifest).ToList();
        foreach (var pod in Workloads.Pods(context.Graph))
        {
            var namedAfterPod = pod.Containers().Any(c => (c.Container["env"] as JsonArray ?? []).Any(e =>
                Workloads.Text(e?["name"]) == "WORKERNAME" && Workloads.Text(e?["valueFrom"]?["fieldRef"]?["fieldPath"]) == "metadata.name"));
            if (!namedAfterPod)
            {
                continue;
            }

            var name = Workloads.Text(pod.Node.Inputs["metadata"]?["name"]) ?? "?";
            var ns = Workloads.Text(pod.Node.Inputs["metadata"]?["namespace"]);
            if (pod.Kind != "StatefulSet")
            {
                yield return new Finding(Id, pod.Node.Path, $"WORKERNAME is the pod name of a {pod.Kind}, which is random: the master refuses names it has not declared; run workers as a StatefulSet");
                continue;
            }

            var scaler = manifests.FirstOrDefault(m => Workloads.Text(m["kind"]) == "ScaledObject"
                && Workloads.Text(m["metadata"]?["namespace"]) == ns
                && Workloads.Text(m["spec"]?["scaleTargetRef"]?["kind"]) == "StatefulSet"
                && Workloads.Text(m["spec"]?["scaleTargetRef"]?["name"]) == name);
            var most = (scaler?["spec"]?["maxReplicaCount"] ?? pod.Node.Inputs["spec"]?["replicas"]) is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;
            var expected = Enumerable.Range(0, most).Select(i => $"{name}-{i}").ToList();
            var lists = manifests.Where(m => Workloads.Text(m["kind"]) == "ConfigMap" && Workloads.Text(m["metadata"]?["namespace"]) == ns)
                .Select(m => Workloads.Text(m["data"]?["workers.txt"])).OfType<string>().ToList();
            if (!lists.Any(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(expected, StringComparer.Ordinal)))
            {
                yield return new Finding(Id, pod.Node.Path, $"no ConfigMap in {ns} lists the worker names {name}-0 … {name}-{most - 1} (workers.txt) for the master to declare; workers beyond the list could not log in");
            }
        }
    }
}
