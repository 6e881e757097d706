using System.Text.Json.Nodes;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>
/// Tekton's and Triggers' webhooks decode with unknown fields disallowed (tektoncd/triggers and
/// tektoncd/pipeline <c>cmd/webhook/main.go</c>), even where the CRDs preserve them: validation
/// checks those kinds closed, from the Go types.
/// </summary>
public class StrictDecodingTests
{
    private static readonly KubernetesSchemas Schemas = new(TestSchemas.Folder);

    private static JsonObject NodeTemplate() => CiGraphs.Full().Object("TriggerTemplate", CiNames.NodePipeline).DeepClone().AsObject();

    [Fact]
    public void The_rendered_trigger_templates_pass_and_a_param_type_is_rejected_as_triggers_v0_37_param_spec_has_none()
    {
        var template = NodeTemplate();
        Assert.Empty(Schemas.Validate(template));
        Assert.All(template["spec"]!["params"]!.AsArray(), p => Assert.Null(p!["type"]));

        // Reintroducing the field: pipelines' ParamSpec has it, Triggers' (param.go) does not.
        template["spec"]!["params"]![0]!["type"] = "string";
        var problem = Assert.Single(Schemas.Validate(template));
        Assert.StartsWith("spec.params[0].type: unknown field", problem, StringComparison.Ordinal);
        Assert.Contains("default, description, name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validated_stack_graph_reports_the_reintroduced_type_as_a_schema_finding()
    {
        var graph = CiGraphs.Full(extra: (scope, k8s) =>
        {
            var template = NodeTemplate();
            template["metadata"]!["name"] = "with-type";
            template["spec"]!["params"]![1]!["type"] = "string";
            KubernetesObjects.Declare(scope, "with-type", template, k8s);
        });
        var findings = new GraphValidator(TestSchemas.Folder).Validate(graph, EnvironmentTier.Development, policies: []);
        var finding = Assert.Single(findings);
        Assert.Equal(("schema", "test/with-type"), (finding.Check, finding.ResourcePath));
        Assert.StartsWith("spec.params[1].type: unknown field", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_listener_and_binding_fields_are_checked_against_the_triggers_types()
    {
        var graph = CiGraphs.Full();
        var listener = graph.Object("EventListener", CiTriggers.ListenerName).DeepClone().AsObject();
        Assert.Empty(Schemas.Validate(listener));
        listener["spec"]!["triggers"]![0]!["interceptors"]![0]!["ref"]!["namespace"] = "x";
        listener["spec"]!["triggers"]![0]!["templateRef"] = "x";
        Assert.Equal(
        [
            "spec.triggers[0].interceptors[0].ref.namespace: unknown field",
            "spec.triggers[0].templateRef: unknown field",
        ], Schemas.Validate(listener).Select(p => p[..p.IndexOf(" (", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));

        var binding = graph.Object("TriggerBinding", CiTriggers.PushBinding).DeepClone().AsObject();
        binding["spec"]!["params"]![0]!["default"] = "x";
        Assert.StartsWith("spec.params[0].default: unknown field", Assert.Single(Schemas.Validate(binding)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_listener_pod_spec_is_a_kubernetes_pod_spec_decoded_strictly()
    {
        var listener = CiGraphs.Full().Object("EventListener", CiTriggers.ListenerName).DeepClone().AsObject();
        var pod = listener["spec"]!["resources"]!["kubernetesResource"]!["spec"]!["template"]!["spec"]!.AsObject();
        pod["nodeSelecter"] = new JsonObject();
        var problem = Assert.Single(Schemas.Validate(listener));
        Assert.StartsWith("spec.resources.kubernetesResource.spec.template.spec.nodeSelecter: unknown field", problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// The decoder rejects an unknown field inside a list item too (Go encoding/json with
    /// DisallowUnknownFields); the schema check alone folds such an item's errors into one
    /// NoTypeValidates on a list that may be null, so the fields are looked for at every depth.
    /// </summary>
    [Fact]
    public void An_unknown_field_inside_an_item_of_a_nullable_list_of_the_pod_spec_is_found()
    {
        var listener = CiGraphs.Full().Object("EventListener", CiTriggers.ListenerName).DeepClone().AsObject();
        var pod = listener["spec"]!["resources"]!["kubernetesResource"]!["spec"]!["template"]!["spec"]!.AsObject();
        pod["tolerations"] = new JsonArray(new JsonObject { ["key"] = "ci", ["efect"] = "NoSchedule" });
        var problem = Assert.Single(Schemas.Validate(listener));
        Assert.StartsWith("spec.resources.kubernetesResource.spec.template.spec.tolerations[0].efect: unknown field", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_types_a_pipelines_crd_leaves_open_are_closed_inside_runs_and_templates()
    {
        var template = NodeTemplate();
        var run = template["spec"]!["resourcetemplates"]![0]!;
        run["spec"]!["taskRunTemplate"]!["podTemplate"]!["securityContext"]!["runAsUsr"] = 1;
        run["spec"]!["workspaces"]![0]!["volumeClaimTemplate"]!["spec"]!["storageClass"] = "x";
        Assert.Equal(
        [
            "spec.resourcetemplates[0]: spec.taskRunTemplate.podTemplate.securityContext.runAsUsr: unknown field",
            "spec.resourcetemplates[0]: spec.workspaces[0].volumeClaimTemplate.spec.storageClass: unknown field",
        ], Schemas.Validate(template).Select(p => p[..p.IndexOf(" (", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_tekton_kind_this_project_renders_is_known_to_decode_strictly()
    {
        var kinds = CiGraphs.Full().Resources
            .Select(n => (Api: n.Inputs["apiVersion"]?.GetValue<string>() ?? string.Empty, Kind: n.Inputs["kind"]?.GetValue<string>() ?? string.Empty))
            .Where(k => k.Api.StartsWith("tekton.dev/", StringComparison.Ordinal) || k.Api.StartsWith("triggers.tekton.dev/", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds.Where(k => k.Kind != "Pipeline"), k => Assert.True(StrictDecoding.Knows(k.Api, k.Kind), $"{k.Api} {k.Kind}"));
    }
}
