using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Triggers resolve names only when an event arrives, so a TriggerTemplate no listener references
/// never fires, and a trigger naming a missing template or binding fails at the first event. Every
/// TriggerTemplate is referenced by an EventListener trigger of its namespace, and every reference
/// names an object the graph declares there.
/// </summary>
public sealed class TriggersWiredPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "triggers-wired";

    /// <inheritdoc />
    public string Description => "every TriggerTemplate is started by an EventListener trigger, and every trigger's template and bindings exist";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var manifests = KubernetesManifests.In(context.Graph).ToList();
        HashSet<(string?, string?)> Declared(string kind) =>
            [.. manifests.Where(m => Workloads.Text(m.Manifest["kind"]) == kind)
                .Select(m => (Workloads.Text(m.Manifest["metadata"]?["namespace"]), Workloads.Text(m.Manifest["metadata"]?["name"])))];
        var templates = Declared("TriggerTemplate");
        var bindings = Declared("TriggerBinding");
        var referenced = new HashSet<(string?, string?)>();
        foreach (var (node, listener) in manifests.Where(m => Workloads.Text(m.Manifest["kind"]) == "EventListener"))
        {
            var ns = Workloads.Text(listener["metadata"]?["namespace"]);
            var triggers = listener["spec"]?["triggers"] as JsonArray ?? [];
            for (var i = 0; i < triggers.Count; i++)
            {
                var template = Workloads.Text(triggers[i]?["template"]?["ref"]);
                if (template is not null)
                {
                    referenced.Add((ns, template));
                    if (!templates.Contains((ns, template)))
                    {
                        yield return new Finding(Id, node.Path, $"spec.triggers[{i}].template.ref: no TriggerTemplate {ns}/{template} is declared");
                    }
                }

                var refs = (triggers[i]?["bindings"] as JsonArray ?? []).Where(b => Workloads.Text(b?["ref"]) is not null && (Workloads.Text(b?["kind"]) ?? "TriggerBinding") == "TriggerBinding");
                foreach (var binding in refs.Select(b => Workloads.Text(b?["ref"])).Where(b => !bindings.Contains((ns, b))))
                {
                    yield return new Finding(Id, node.Path, $"spec.triggers[{i}].bindings: no TriggerBinding {ns}/{binding} is declared");
                }
            }
        }

        foreach (var (node, template) in manifests.Where(m => Workloads.Text(m.Manifest["kind"]) == "TriggerTemplate"))
        {
            var key = (Workloads.Text(template["metadata"]?["namespace"]), Workloads.Text(template["metadata"]?["name"]));
            if (!referenced.Contains(key))
            {
                yield return new Finding(Id, node.Path, $"no EventListener trigger references TriggerTemplate {key.Item1}/{key.Item2}: it never fires");
            }
        }
    }
}
