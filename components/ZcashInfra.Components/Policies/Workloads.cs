using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Policies;

/// <summary>A pod spec found inside a Kubernetes workload in the graph.</summary>
/// <param name="Node">The workload resource.</param>
/// <param name="Kind">Its kind (StatefulSet, Deployment, …).</param>
/// <param name="SpecPath">Where the pod spec sits in the manifest (<c>spec.template.spec</c>, …).</param>
/// <param name="Spec">The pod spec.</param>
/// <param name="Labels">The pod template's labels (empty for a bare Pod without labels).</param>
public sealed record WorkloadPod(GraphNode Node, string Kind, string SpecPath, JsonObject Spec, JsonObject Labels)
{
    /// <summary>The pod template's annotations (empty when it has none).</summary>
    public JsonObject Annotations { get; init; } = [];

    /// <summary>Every container with the path policies report: init, regular and ephemeral ones.</summary>
    public IEnumerable<(string Path, JsonObject Container)> Containers()
    {
        foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            if (Spec[list] is not JsonArray items)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonObject container)
                {
                    var name = container["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : "?";
                    yield return ($"{SpecPath}.{list}[{i}] ({name})", container);
                }
            }
        }
    }

    /// <summary>The regular (long-running) containers only.</summary>
    public IEnumerable<(string Path, JsonObject Container)> MainContainers() =>
        Containers().Where(c => c.Path.Contains(".containers[", StringComparison.Ordinal));
}

/// <summary>Finds the pods that workloads in a graph run, whatever the workload kind.</summary>
public static class Workloads
{
    /// <summary>Kinds whose pod template is at <c>spec.template</c>.</summary>
    public static readonly IReadOnlySet<string> TemplateKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Job",
    };

    /// <summary>Kinds that run until stopped (a server, not a batch job).</summary>
    public static readonly IReadOnlySet<string> LongRunningKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "StatefulSet", "Deployment", "DaemonSet",
    };

    /// <summary>Every pod spec of every Kubernetes workload in the graph.</summary>
    public static IEnumerable<WorkloadPod> Pods(ResourceGraph graph)
    {
        foreach (var node in graph.Resources.Where(n => n.Package == "kubernetes"))
        {
            var kind = node.Inputs["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
            var (path, template) = kind switch
            {
                "Pod" => ("spec", (JsonNode?)node.Inputs),
                "CronJob" => ("spec.jobTemplate.spec.template.spec", node.Inputs["spec"]?["jobTemplate"]?["spec"]?["template"]),
                not null when TemplateKinds.Contains(kind) => ("spec.template.spec", node.Inputs["spec"]?["template"]),
                _ => (string.Empty, null),
            };
            if (template?["spec"] is JsonObject spec)
            {
                yield return new WorkloadPod(node, kind!, path, spec, template["metadata"]?["labels"] as JsonObject ?? [])
                {
                    Annotations = template["metadata"]?["annotations"] as JsonObject ?? [],
                };
            }
        }
    }

    /// <summary>A boolean field, or null when it is absent or not a boolean.</summary>
    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>A string field, or null when it is absent or not a string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
