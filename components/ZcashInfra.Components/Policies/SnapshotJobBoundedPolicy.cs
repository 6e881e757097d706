using System.Text.Json.Nodes;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// A snapshot CronJob (declared by the snapshot job, or running as the snapshot writer) runs one
/// cut at a time and every run ends: <c>concurrencyPolicy: Forbid</c>, a starting deadline and the
/// Job's <c>activeDeadlineSeconds</c>. Two runs would race for the index; a run without a deadline
/// that hangs would, with Forbid, block every later one.
/// </summary>
public sealed class SnapshotJobBoundedPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "snapshot-job-bounded";

    /// <inheritdoc />
    public string Description => "snapshot CronJobs forbid concurrent runs and set startingDeadlineSeconds and activeDeadlineSeconds";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var graph = context.Graph;
        foreach (var pod in Workloads.Pods(graph).Where(p => p.Kind == "CronJob"))
        {
            var declared = pod.Node.Parent is { } parent && graph.Find(parent)?.Type == SnapshotJob.SnapshotJobComponent.Type;
            if (!declared && Workloads.Text(pod.Spec["serviceAccountName"]) != SnapshotIdentities.WriterServiceAccount)
            {
                continue;
            }

            var spec = pod.Node.Inputs["spec"];
            var concurrency = Workloads.Text(spec?["concurrencyPolicy"]);
            if (concurrency != "Forbid")
            {
                yield return new Finding(Id, pod.Node.Path, $"spec.concurrencyPolicy is {concurrency ?? "unset (Allow)"}; snapshot runs must be Forbid: two would race for the same index");
            }

            if (!Positive(spec?["startingDeadlineSeconds"]))
            {
                yield return new Finding(Id, pod.Node.Path, "spec.startingDeadlineSeconds is not set: a run the controller missed could start at any later time");
            }

            if (!Positive(spec?["jobTemplate"]?["spec"]?["activeDeadlineSeconds"]))
            {
                yield return new Finding(Id, pod.Node.Path, "spec.jobTemplate.spec.activeDeadlineSeconds is not set: a hung run would, with Forbid, block every later one");
            }
        }
    }

    private static bool Positive(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) && n > 0;
}
