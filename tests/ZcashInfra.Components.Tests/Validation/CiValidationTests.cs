using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>What validation learned for CI: closed CRD schemas, TriggerTemplate contents, provider-side components, patches.</summary>
public class CiValidationTests
{
    private static readonly KubernetesSchemas Schemas = new(TestSchemas.Folder);

    private static JsonObject Task(JsonObject step) => new()
    {
        ["apiVersion"] = "tekton.dev/v1",
        ["kind"] = "Task",
        ["metadata"] = new JsonObject { ["name"] = "t" },
        ["spec"] = new JsonObject { ["steps"] = new JsonArray(step) },
    };

    [Fact]
    public void A_misspelt_tekton_field_fails_instead_of_being_pruned_silently()
    {
        Assert.Empty(Schemas.Validate(Task(new JsonObject { ["name"] = "s", ["image"] = "i", ["computeResources"] = new JsonObject() })));
        var problems = Schemas.Validate(Task(new JsonObject { ["name"] = "s", ["image"] = "i", ["computeResource"] = new JsonObject() }));
        Assert.Contains(problems, p => p.Contains("computeResource", StringComparison.Ordinal));
    }

    [Fact]
    public void Fields_a_crd_keeps_open_stay_open()
    {
        // Pipeline params' values are x-kubernetes-preserve-unknown-fields: anything goes there.
        var pipeline = new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Pipeline",
            ["metadata"] = new JsonObject { ["name"] = "p", ["annotations"] = new JsonObject { ["anything"] = "x" } },
            ["spec"] = new JsonObject
            {
                ["tasks"] = new JsonArray(new JsonObject
                {
                    ["name"] = "a",
                    ["taskRef"] = new JsonObject { ["name"] = "t" },
                    ["params"] = new JsonArray(new JsonObject { ["name"] = "x", ["value"] = new JsonObject { ["free"] = "form" } }),
                }),
            },
        };
        Assert.Empty(Schemas.Validate(pipeline));
    }

    [Fact]
    public void The_runs_a_trigger_template_creates_are_checked_against_their_own_schema()
    {
        JsonObject Template(JsonObject runSpec) => new()
        {
            ["apiVersion"] = "triggers.tekton.dev/v1beta1",
            ["kind"] = "TriggerTemplate",
            ["metadata"] = new JsonObject { ["name"] = "tt" },
            ["spec"] = new JsonObject
            {
                ["resourcetemplates"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "tekton.dev/v1",
                    ["kind"] = "PipelineRun",
                    ["metadata"] = new JsonObject { ["generateName"] = "r-" },
                    ["spec"] = runSpec,
                }),
            },
        };
        Assert.Empty(Schemas.Validate(Template(new JsonObject { ["pipelineRef"] = new JsonObject { ["name"] = "p" } })));
        var problems = Schemas.Validate(Template(new JsonObject { ["pipelineRef"] = new JsonObject { ["name"] = "p" }, ["podTemplate"] = new JsonObject() }));
        Assert.Contains(problems, p => p.StartsWith("spec.resourcetemplates[0]: ", StringComparison.Ordinal) && p.Contains("podTemplate", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_file_components_take_only_their_known_inputs()
    {
        var builder = new GraphBuilder("t");
        builder.Root.RemoteComponent("kubernetes:yaml/v2:ConfigFile", "good", new JsonObject { ["file"] = "https://example.org/a.yaml", ["skipAwait"] = true });
        builder.Root.RemoteComponent("kubernetes:yaml/v2:ConfigFile", "typo", new JsonObject { ["files"] = "https://example.org/a.yaml" });
        var findings = new GraphValidator(TestSchemas.Folder).Validate(builder.Build(), EnvironmentTier.Development).Select(f => f.ToString()).ToList();
        Assert.Equal(
        [
            "[provider-index] t/typo: files: unknown input (known: file, resourcePrefix, skipAwait)",
            "[provider-index] t/typo: file: required input is missing",
        ], findings);
    }

    [Fact]
    public void A_patch_is_registered_as_the_providers_patch_type_and_validated_as_the_object()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var path = KubernetesObjects.DeclarePatch(builder.Root, "flags", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "feature-flags", ["namespace"] = "tekton-pipelines" },
            ["data"] = new JsonObject { ["a"] = "b" },
        }, k8s);
        KubernetesObjects.DeclarePatch(builder.Root, "bad", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "x" },
            ["data"] = new JsonObject { ["a"] = 1 },
        }, k8s);
        var graph = builder.Build();

        Assert.Equal("kubernetes:core/v1:ConfigMapPatch", graph[path].Type);
        Assert.Equal("true", graph[path].Inputs["metadata"]!["annotations"]![KubernetesObjects.PatchForceAnnotation]!.GetValue<string>());
        var findings = new GraphValidator(TestSchemas.Folder).Validate(graph, EnvironmentTier.Development);
        Assert.DoesNotContain(findings, f => f.ResourcePath == path);
        Assert.Contains(findings, f => f.ResourcePath == "t/bad" && f.Check == "schema");
        Assert.Throws<GraphException>(() => KubernetesObjects.DeclarePatch(builder.Root, "nameless", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap" }, k8s));
    }

    [Fact]
    public void A_baseline_namespace_still_warns_and_audits_at_restricted()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var ns = Namespaces.Declare(builder.Root, "images", Namespaces.CiImages, k8s, "zcash-ci", PodSecurityLevel.Baseline);
        var labels = builder.Build()[ns].Inputs["metadata"]!["labels"]!;
        Assert.Equal("baseline", labels["pod-security.kubernetes.io/enforce"]!.GetValue<string>());
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/warn"]!.GetValue<string>());
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/audit"]!.GetValue<string>());
    }

    [Fact]
    public void A_secret_reference_by_name_and_key_is_not_a_plaintext_credential()
    {
        var builder = new GraphBuilder("t");
        builder.Root.Resource("kubernetes:triggers.tekton.dev/v1beta1:EventListener", "el", new JsonObject
        {
            ["spec"] = new JsonObject { ["params"] = new JsonArray(new JsonObject { ["value"] = new JsonObject { ["secretName"] = "gh", ["secretKey"] = "token" } }) },
        });
        builder.Root.Resource("kubernetes:core/v1:ConfigMap", "cm", new JsonObject { ["data"] = new JsonObject { ["secretKey"] = "hunter2" } });
        var findings = new NoPlaintextSecretsPolicy().Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).ToList();
        Assert.Equal("t/cm", Assert.Single(findings).ResourcePath);
    }

    [Theory]
    [InlineData("ghcr.io/zcash-infra/snapshot-agent:0.1.0", "ghcr.io/zcash-infra/snapshot-agent")]
    [InlineData("registry:5000/agent@sha256:abc", "registry:5000/agent")]
    [InlineData("registry:5000/agent", "registry:5000/agent")]
    public void The_agent_image_repository_drops_the_tag_or_digest(string image, string repository) =>
        Assert.Equal(repository, SnapshotAgentImage.Repository(image));
}
