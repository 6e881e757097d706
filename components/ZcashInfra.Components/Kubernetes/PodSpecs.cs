using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// Where a pod's scheduling and security settings sit inside an object: a workload's pod template,
/// a CronJob's job template, a Tekton run's <c>podTemplate</c>, an EventListener's deployment
/// template, or any of those inside a TriggerTemplate.
/// </summary>
/// <param name="Path">Dotted path of the pod spec inside the object (<c>spec.template.spec</c>).</param>
/// <param name="Namespace">The namespace the pods run in (null for cluster-scoped or unknown).</param>
/// <param name="Kind">The kind that carries the pod spec (the embedded object's kind inside a TriggerTemplate).</param>
/// <param name="Spec">The pod spec (a Tekton podTemplate carries only pod-level fields).</param>
/// <param name="HasContainers">False for Tekton pod templates, whose containers come from Tasks.</param>
/// <param name="Labels">The labels the pods get (the template's, or a Tekton run's own, which its pods inherit).</param>
public sealed record PodSpecSite(string Path, string? Namespace, string Kind, JsonObject Spec, bool HasContainers, JsonObject Labels);

/// <summary>A container (or Tekton step or sidecar) and where it sits in its object.</summary>
/// <param name="Path">Dotted path (<c>spec.template.spec.containers[0]</c>, <c>spec.steps[2]</c>).</param>
/// <param name="Container">The container, with a Tekton stepTemplate already applied.</param>
public sealed record ContainerSite(string Path, JsonObject Container);

/// <summary>Finds pod specs and containers in Kubernetes and Tekton objects (plain JSON).</summary>
public static class PodSpecs
{
    /// <summary>Every pod spec the object (or, for a TriggerTemplate, each object it creates) would run.</summary>
    public static IEnumerable<PodSpecSite> Find(JsonObject manifest) => Find(manifest, string.Empty, null);

    /// <summary>The init and regular containers of a pod spec.</summary>
    public static IEnumerable<ContainerSite> Containers(PodSpecSite site)
    {
        foreach (var field in new[] { "initContainers", "containers" })
        {
            var list = site.Spec[field] as JsonArray ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject container)
                {
                    yield return new ContainerSite($"{site.Path}.{field}[{i}]", container);
                }
            }
        }
    }

    /// <summary>
    /// The steps (each merged over the Task's stepTemplate, as Tekton merges them) and sidecars of a
    /// Tekton Task, or of every inline taskSpec of a Pipeline.
    /// </summary>
    public static IEnumerable<ContainerSite> TektonContainers(JsonObject manifest)
    {
        var group = Group(manifest);
        var kind = manifest["kind"]?.GetValue<string>();
        if (group != "tekton.dev")
        {
            yield break;
        }

        if (kind == "Task" && manifest["spec"] is JsonObject spec)
        {
            foreach (var site in TaskSpecContainers(spec, "spec"))
            {
                yield return site;
            }
        }

        if (kind == "Pipeline")
        {
            foreach (var list in new[] { "tasks", "finally" })
            {
                var tasks = manifest["spec"]?[list] as JsonArray ?? [];
                for (var i = 0; i < tasks.Count; i++)
                {
                    if (tasks[i]?["taskSpec"] is JsonObject inline)
                    {
                        foreach (var site in TaskSpecContainers(inline, $"spec.{list}[{i}].taskSpec"))
                        {
                            yield return site;
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<ContainerSite> TaskSpecContainers(JsonObject spec, string path)
    {
        var template = spec["stepTemplate"] as JsonObject;
        var steps = spec["steps"] as JsonArray ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is JsonObject step)
            {
                yield return new ContainerSite($"{path}.steps[{i}]", Merge(template, step));
            }
        }

        var sidecars = spec["sidecars"] as JsonArray ?? [];
        for (var i = 0; i < sidecars.Count; i++)
        {
            if (sidecars[i] is JsonObject sidecar)
            {
                yield return new ContainerSite($"{path}.sidecars[{i}]", sidecar);
            }
        }
    }

    /// <summary>A step over its stepTemplate: the step's fields win; objects (securityContext, computeResources) merge key by key.</summary>
    private static JsonObject Merge(JsonObject? template, JsonObject step)
    {
        var merged = (JsonObject)(template?.DeepClone() ?? new JsonObject());
        foreach (var (key, value) in step)
        {
            merged[key] = merged[key] is JsonObject below && value is JsonObject above
                ? Merge(below, above)
                : value?.DeepClone();
        }

        return merged;
    }

    private static IEnumerable<PodSpecSite> Find(JsonObject manifest, string prefix, string? defaultNamespace)
    {
        var kind = manifest["kind"]?.GetValue<string>() ?? string.Empty;
        var group = Group(manifest);
        var ns = manifest["metadata"]?["namespace"]?.GetValue<string>() ?? defaultNamespace;
        string At(string path) => prefix.Length == 0 ? path : $"{prefix}.{path}";

        if (group == "triggers.tekton.dev" && kind == "TriggerTemplate")
        {
            var templates = manifest["spec"]?["resourcetemplates"] as JsonArray ?? [];
            for (var i = 0; i < templates.Count; i++)
            {
                if (templates[i] is JsonObject embedded)
                {
                    foreach (var site in Find(embedded, At($"spec.resourcetemplates[{i}]"), ns))
                    {
                        yield return site;
                    }
                }
            }

            yield break;
        }

        var (path, hasContainers) = (group, kind) switch
        {
            ("", "Pod") => ("spec", true),
            ("apps" or "", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "ReplicationController") => ("spec.template.spec", true),
            ("batch", "Job") => ("spec.template.spec", true),
            ("batch", "CronJob") => ("spec.jobTemplate.spec.template.spec", true),
            ("tekton.dev", "PipelineRun") => ("spec.taskRunTemplate.podTemplate", false),
            ("tekton.dev", "TaskRun") => ("spec.podTemplate", false),
            ("triggers.tekton.dev", "EventListener") => ("spec.resources.kubernetesResource.spec.template.spec", true),
            _ => (null, false),
        };
        if (path is null)
        {
            yield break;
        }

        // A run or listener without a template still runs pods: report an empty spec so a policy
        // can say what is missing rather than silently pass.
        var spec = Navigate(manifest, path) ?? new JsonObject();
        var labelsPath = hasContainers ? path[..^"spec".Length] + "metadata.labels" : "metadata.labels";
        var labels = Navigate(manifest, labelsPath) ?? new JsonObject();
        yield return new PodSpecSite(At(path), ns, kind, spec, hasContainers, labels);
    }

    private static JsonObject? Navigate(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node as JsonObject;
    }

    private static string Group(JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
