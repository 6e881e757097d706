using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Pipeline runs' volumes fit their namespace's volume quota. With the affinity assistant disabled,
/// the claims a PipelineRun's <c>volumeClaimTemplate</c> creates live until the run is deleted
/// (tektoncd/pipeline v1.15.0 <c>docs/affinityassistants.md</c>), so a namespace holds, per
/// pipeline, the finished runs the pruner keeps plus the runs in flight. When that exceeds the
/// quota's <c>persistentvolumeclaims</c> or <c>requests.storage</c>, the next run's claim is refused
/// and the run fails. Counted: keep × each pipeline's claims, the largest run's claims × the
/// concurrency stated on the quota (<see cref="ConcurrentRunsAnnotation"/>), and the namespace's
/// standalone claims (the build cache).
/// </summary>
public sealed class RunVolumesFitQuotaPolicy : IPolicy
{
    /// <summary>Annotation on a volume quota: how many runs at once it is sized for.</summary>
    public const string ConcurrentRunsAnnotation = "zcash-infra/concurrent-runs";

    /// <inheritdoc />
    public string Id => "run-volumes-fit-quota";

    /// <inheritdoc />
    public string Description => "the claims of kept and concurrent PipelineRuns (plus standalone claims) fit the namespace's persistentvolumeclaims and requests.storage quota";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var manifests = KubernetesManifests.In(context.Graph).ToList();
        var runs = manifests
            .Where(m => Workloads.Text(m.Manifest["kind"]) == "TriggerTemplate")
            .SelectMany(m => (m.Manifest["spec"]?["resourcetemplates"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(r => Workloads.Text(r["kind"]) == "PipelineRun")
                .Select(r => (Namespace: Workloads.Text(r["metadata"]?["namespace"]) ?? Workloads.Text(m.Manifest["metadata"]?["namespace"]),
                    Pipeline: Workloads.Text(r["spec"]?["pipelineRef"]?["name"]) ?? "?",
                    Claims: (r["spec"]?["workspaces"] as JsonArray ?? []).Select(w => w?["volumeClaimTemplate"]).OfType<JsonObject>().ToList())))
            .Where(r => r.Claims.Count > 0 && r.Namespace is not null)
            .ToList();

        foreach (var byNamespace in runs.GroupBy(r => r.Namespace!, StringComparer.Ordinal))
        {
            var ns = byNamespace.Key;
            var quotas = manifests.Where(m => Workloads.Text(m.Manifest["kind"]) == "ResourceQuota"
                && Workloads.Text(m.Manifest["metadata"]?["namespace"]) == ns
                && m.Manifest["spec"]?["scopes"] is null && m.Manifest["spec"]?["scopeSelector"] is null
                && m.Manifest["spec"]?["hard"]?["persistentvolumeclaims"] is not null).ToList();
            if (quotas.Count == 0)
            {
                continue; // nothing caps the claims
            }

            var quota = quotas[0];
            var keep = PrunerKeep(manifests, ns);
            if (keep is null)
            {
                yield return new Finding(Id, quota.Node.Path, $"no pruner deletes finished runs in {ns}: their claims accumulate until the quota refuses every new run");
                continue;
            }

            if (!int.TryParse(Workloads.Text(quota.Manifest["metadata"]?["annotations"]?[ConcurrentRunsAnnotation]), NumberStyles.None, CultureInfo.InvariantCulture, out var concurrent))
            {
                yield return new Finding(Id, quota.Node.Path, $"the quota does not state how many runs at once it is sized for ({ConcurrentRunsAnnotation})");
                continue;
            }

            var pipelines = byNamespace.GroupBy(r => r.Pipeline, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Claims.Count)).ToList();
            var standalone = manifests.Where(m => Workloads.Text(m.Manifest["kind"]) == "PersistentVolumeClaim" && Workloads.Text(m.Manifest["metadata"]?["namespace"]) == ns)
                .Select(m => Size(m.Manifest)).ToList();
            var largest = pipelines.MaxBy(p => p.Claims.Sum(Size));
            var claims = (keep.Value * pipelines.Sum(p => p.Claims.Count)) + (concurrent * largest.Claims.Count) + standalone.Count;
            var storage = (keep.Value * pipelines.Sum(p => p.Claims.Sum(Size))) + (concurrent * largest.Claims.Sum(Size)) + standalone.Sum();
            var how = $"{keep} kept × {pipelines.Count} pipeline(s) ({string.Join(", ", pipelines.Select(p => p.Pipeline))}) + {concurrent} concurrent + {standalone.Count} standalone";
            var hard = quota.Manifest["spec"]!["hard"]!;
            if (int.TryParse(Workloads.Text(hard["persistentvolumeclaims"]), NumberStyles.None, CultureInfo.InvariantCulture, out var claimQuota) && claims > claimQuota)
            {
                yield return new Finding(Id, quota.Node.Path, $"spec.hard.persistentvolumeclaims is {claimQuota}, but runs hold up to {claims} claims ({how}): the next run's claim would be refused");
            }

            if (Quantity.Parse(Workloads.Text(hard["requests.storage"])) is { } storageQuota && storage > storageQuota)
            {
                yield return new Finding(Id, quota.Node.Path, $"spec.hard.requests.storage is {Workloads.Text(hard["requests.storage"])}, but runs hold up to {Quantity.Format(storage / (1024m * 1024 * 1024))}Gi ({how})");
            }
        }
    }

    private static int? PrunerKeep(List<(Graph.GraphNode Node, JsonObject Manifest)> manifests, string ns)
    {
        foreach (var (_, manifest) in manifests.Where(m => Workloads.Text(m.Manifest["kind"]) == "CronJob" && Workloads.Text(m.Manifest["metadata"]?["name"]) == RunPruner.Name))
        {
            var env = (manifest["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"] as JsonArray ?? [])
                .ToDictionary(e => Workloads.Text(e?["name"]) ?? string.Empty, e => Workloads.Text(e?["value"]) ?? string.Empty, StringComparer.Ordinal);
            if ((env.GetValueOrDefault("PRUNE_NAMESPACES") ?? string.Empty).Split(' ').Contains(ns, StringComparer.Ordinal)
                && int.TryParse(env.GetValueOrDefault("KEEP_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var keep))
            {
                return keep;
            }
        }

        return null;
    }

    private static decimal Size(JsonObject claim) =>
        Quantity.Parse(Workloads.Text((claim["spec"] ?? claim)["resources"]?["requests"]?["storage"])) ?? 0;
}
