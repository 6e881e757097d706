using System.Text.Json.Nodes;
using static ZcashInfra.Components.Validation.DecodeShape;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// The Tekton kinds whose admission webhooks decode with unknown fields disallowed, and what they
/// accept where the CRD's own schema is open. Both webhooks pass <c>disallowUnknownFields: true</c>
/// to knative's defaulting and validation admission controllers (tektoncd/triggers
/// <c>cmd/webhook/main.go</c>, tektoncd/pipeline <c>cmd/webhook/main.go</c>), so a field the Go type
/// lacks is rejected at <c>pulumi up</c> even where the CRD preserves unknown fields:
/// <list type="bullet">
/// <item>Triggers' CRDs are <c>x-kubernetes-preserve-unknown-fields</c> from the root: the shapes
/// below are written from tektoncd/triggers <c>pkg/apis/triggers/v1beta1</c>
/// (<c>param.go</c>, <c>trigger_template_types.go</c>, <c>trigger_binding_types.go</c>,
/// <c>trigger_types.go</c>, <c>event_listener_types.go</c>).</item>
/// <item>Pipelines' CRDs declare most fields (checked closed by <see cref="KubernetesSchemas"/>) but
/// leave Kubernetes types open: pod template security contexts, affinity, volumes and claim
/// templates decode into <c>corev1</c> types, checked here against the Kubernetes schema.</item>
/// </list>
/// </summary>
public static class StrictDecoding
{
    /// <summary>A schema file that holds <c>corev1.PodSpec</c> (the strict set has no bare Pod file), and where.</summary>
    private const string Pod = "statefulset-apps-v1.json";

    private const string PodSpec = "/properties/spec/properties/template/properties/spec";

    /// <summary>Triggers <c>ParamSpec</c>: name, description, default — no <c>type</c>.</summary>
    private static readonly DecodeShape ParamSpec = Scalars("name", "description", "default");

    /// <summary>Triggers <c>Param</c>: name and value.</summary>
    private static readonly DecodeShape Param = Scalars("name", "value");

    private static readonly DecodeShape TemplateSpec = Struct(("params", List(ParamSpec)), ("resourcetemplates", List(Any)));

    private static readonly DecodeShape NamespaceSelector = Scalars("matchNames");

    private static readonly DecodeShape Interceptor = Struct(
        ("name", Any),
        ("ref", Scalars("name", "kind", "apiVersion")),
        ("params", List(Struct(("name", Any), ("value", Any)))),
        ("webhook", Struct(("objectRef", Any), ("url", Any), ("header", List(Any)))));

    private static readonly DecodeShape ListenerTrigger = Struct(
        ("bindings", List(Scalars("name", "value", "ref", "kind", "apiversion"))),
        ("template", Struct(("ref", Any), ("apiversion", Any), ("spec", TemplateSpec))),
        ("triggerRef", Any),
        ("name", Any),
        ("interceptors", List(Interceptor)),
        ("serviceAccountName", Any));

    private static readonly DecodeShape ListenerSpec = Struct(
        ("serviceAccountName", Any),
        ("triggers", List(ListenerTrigger)),
        ("triggerGroups", List(Struct(("name", Any), ("interceptors", List(Interceptor)), ("triggerSelector", Struct(("namespaceSelector", NamespaceSelector), ("labelSelector", Any)))))),
        ("namespaceSelector", NamespaceSelector),
        ("labelSelector", Any),
        ("resources", Struct(
            ("kubernetesResource", Struct(
                ("replicas", Any),
                ("serviceType", Any),
                ("servicePort", Any),

                // knative duckv1.WithPodSpec: a pod template whose spec is a corev1.PodSpec.
                ("spec", Struct(("template", Struct(("metadata", Any), ("spec", KubernetesType(Pod, PodSpec)))))))),
            ("customResource", Any))),
        ("cloudEventURI", Any));

    private static DecodeShape Object(DecodeShape spec) => Struct(("apiVersion", Any), ("kind", Any), ("metadata", Any), ("spec", spec), ("status", Any));

    /// <summary>Whole-object shapes of the Triggers kinds this project renders (v1beta1).</summary>
    private static readonly Dictionary<(string ApiVersion, string Kind), DecodeShape> Objects = new()
    {
        [("triggers.tekton.dev/v1beta1", "TriggerTemplate")] = Object(TemplateSpec),
        [("triggers.tekton.dev/v1beta1", "TriggerBinding")] = Object(Struct(("params", List(Param)))),
        [("triggers.tekton.dev/v1beta1", "ClusterTriggerBinding")] = Object(Struct(("params", List(Param)))),
        [("triggers.tekton.dev/v1beta1", "EventListener")] = Object(ListenerSpec),
        [("triggers.tekton.dev/v1beta1", "Trigger")] = Object(Struct(
            ("bindings", List(Scalars("name", "value", "ref", "kind", "apiversion"))),
            ("template", Struct(("ref", Any), ("apiversion", Any), ("spec", TemplateSpec))),
            ("name", Any),
            ("interceptors", List(Interceptor)),
            ("serviceAccountName", Any))),
    };

    /// <summary>
    /// Pipelines v1 (tektoncd/pipeline <c>pkg/apis/pipeline/pod/template.go</c>, <c>v1/workspace_types.go</c>,
    /// <c>v1/task_types.go</c>): where the v1.15 CRDs leave a <c>corev1</c> type open.
    /// </summary>
    private static readonly Dictionary<(string ApiVersion, string Kind), (string Path, DecodeShape Shape)[]> OpenSpots = new()
    {
        [("tekton.dev/v1", "PipelineRun")] =
        [
            .. PodTemplate("spec.taskRunTemplate.podTemplate"),
            .. PodTemplate("spec.taskRunSpecs[].podTemplate"),
            ("spec.workspaces[].volumeClaimTemplate", KubernetesType("persistentvolumeclaim-v1.json", string.Empty)),
        ],
        [("tekton.dev/v1", "TaskRun")] =
        [
            .. PodTemplate("spec.podTemplate"),
            ("spec.workspaces[].volumeClaimTemplate", KubernetesType("persistentvolumeclaim-v1.json", string.Empty)),
        ],
        [("tekton.dev/v1", "Task")] = [("spec.volumes[]", KubernetesType(Pod, PodSpec + "/properties/volumes/items"))],
    };

    /// <summary>True when the webhook of this kind decodes strictly and this project knows its shape.</summary>
    public static bool Knows(string apiVersion, string kind) => Objects.ContainsKey((apiVersion, kind)) || OpenSpots.ContainsKey((apiVersion, kind));

    /// <summary>
    /// Unknown fields the webhook would reject, as <c>path: unknown field</c>;
    /// <paramref name="kubernetes"/> checks a subtree against a Kubernetes type's schema and
    /// returns the undeclared fields' relative paths.
    /// </summary>
    public static IEnumerable<string> Check(JsonObject manifest, Func<KubernetesTypeShape, JsonNode, IEnumerable<string>> kubernetes)
    {
        var key = (manifest["apiVersion"]?.GetValue<string>() ?? string.Empty, manifest["kind"]?.GetValue<string>() ?? string.Empty);
        var problems = new List<string>();
        if (Objects.TryGetValue(key, out var shape))
        {
            Walk(manifest, shape, string.Empty, problems, kubernetes);
        }

        foreach (var (path, spotShape) in OpenSpots.GetValueOrDefault(key) ?? [])
        {
            foreach (var (at, node) in Resolve(manifest, path))
            {
                Walk(node, spotShape, at, problems, kubernetes);
            }
        }

        return problems;
    }

    private static (string, DecodeShape)[] PodTemplate(string at) =>
    [
        (at + ".securityContext", KubernetesType(Pod, PodSpec + "/properties/securityContext")),
        (at + ".affinity", KubernetesType(Pod, PodSpec + "/properties/affinity")),
        (at + ".volumes[]", KubernetesType(Pod, PodSpec + "/properties/volumes/items")),
    ];

    private static void Walk(JsonNode? node, DecodeShape shape, string path, List<string> problems, Func<KubernetesTypeShape, JsonNode, IEnumerable<string>> kubernetes)
    {
        switch (shape)
        {
            case StructShape s when node is JsonObject o:
                foreach (var (field, value) in o)
                {
                    var at = path.Length == 0 ? field : $"{path}.{field}";
                    if (!s.Fields.TryGetValue(field, out var inner))
                    {
                        problems.Add($"{at}: unknown field (the webhook decodes strictly; known here: {string.Join(", ", s.Fields.Keys.Order(StringComparer.Ordinal))})");
                        continue;
                    }

                    Walk(value, inner, at, problems, kubernetes);
                }

                break;
            case ListShape l when node is JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], l.Item, $"{path}[{i}]", problems, kubernetes);
                }

                break;
            case KubernetesTypeShape k when node is not null:
                problems.AddRange(kubernetes(k, node).Select(p => $"{path}{p}: unknown field (the webhook decodes into the Kubernetes type strictly)"));
                break;
        }
    }

    private static IEnumerable<(string Path, JsonNode Node)> Resolve(JsonNode? node, string pattern)
    {
        IEnumerable<(string, JsonNode?)> current = [(string.Empty, node)];
        foreach (var segment in pattern.Split('.'))
        {
            var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
            var each = segment.EndsWith("[]", StringComparison.Ordinal);
            current = current.SelectMany(c =>
            {
                var child = (c.Item2 as JsonObject)?[name];
                var at = c.Item1.Length == 0 ? name : $"{c.Item1}.{name}";
                if (!each)
                {
                    return child is null ? [] : new[] { (at, (JsonNode?)child) };
                }

                return (child as JsonArray ?? []).Select((item, i) => ($"{at}[{i}]", item));
            }).ToList();
        }

        return current.Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!));
    }
}
