using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.PreviewPipeline;

public partial class PreviewPipelineTests
{
    private static (ResourceGraph Graph, PreviewPipelineOutputs Outputs) Declare()
    {
        var builder = new GraphBuilder("dev");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ns = Namespaces.Declare(builder.Root, "namespace-zcash-ci", Namespaces.Ci, provider, "zcash-ci");
        var outputs = PreviewPipelineComponent.Declare(builder.Root, "preview-pipeline", new PreviewPipelineArgs { Provider = provider, Stack = "dev", DependsOn = [ns] });
        return (builder.Build(), outputs);
    }

    private static JsonObject Object(string kind, string? name = null) =>
        Declare().Graph.Resources.Single(n => n.Inputs["kind"]?.GetValue<string>() == kind && (name is null || n.Inputs["metadata"]!["name"]!.GetValue<string>() == name)).Inputs;

    private static JsonObject Task(string name) => Object("Task", name);

    private static JsonObject Run() => Object("TriggerTemplate")["spec"]!["resourcetemplates"]![0]!.AsObject();

    [Fact]
    public void Matches_the_golden_render() =>
        Golden.Check("tests/ZcashInfra.Components.Tests/PreviewPipeline/golden/preview-pipeline.json", GraphJson.Render(Declare().Graph));

    [Fact]
    public void Every_object_validates_against_its_schema_and_the_policies()
    {
        // Alone, nothing starts it: the listener's trigger lives in CiPipelines (see PreviewTriggerTests).
        var findings = TestSchemas.Validator.Validate(Declare().Graph, EnvironmentTier.Production);
        Assert.Equal(["triggers-wired"], findings.Select(f => f.Check));
    }

    [Fact]
    public void The_pipeline_run_it_starts_validates_against_the_pipelinerun_schema() =>
        Assert.Empty(new KubernetesSchemas(TestSchemas.Folder).Validate(PreviewPipelineComponent.PipelineRun(new PreviewPipelineArgs { Provider = "p", Stack = "dev" })));

    [Theory]
    [InlineData("Task", PreviewPipelineComponent.DiffTaskName)]
    [InlineData("Task", PreviewPipelineComponent.PreviewTaskName)]
    [InlineData("Pipeline", null)]
    public void No_field_is_unknown_to_the_tekton_schema(string kind, string? name) =>
        Assert.Empty(new KubernetesSchemas(TestSchemas.Folder).Validate(Object(kind, name)));

    [Fact]
    public void No_field_of_the_pipeline_run_is_unknown_to_the_tekton_schema() =>
        Assert.Empty(new KubernetesSchemas(TestSchemas.Folder).Validate(Run()));

    [Fact]
    public void A_misspelt_field_is_caught_although_the_crd_schema_itself_is_open()
    {
        // Tekton's CRD schemas accept unknown fields (the API server prunes them); the validator
        // checks them closed, so a typo fails here instead of silently vanishing in the cluster.
        var task = Task(PreviewPipelineComponent.DiffTaskName).DeepClone().AsObject();
        var template = task["spec"]!["stepTemplate"]!.AsObject();
        template["securityContex"] = template["securityContext"]!.DeepClone();
        template.Remove("securityContext");
        Assert.Contains(new KubernetesSchemas(TestSchemas.Folder).Validate(task), e => e.Contains("securityContex", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_land_on_the_ci_pool_as_a_non_root_user()
    {
        var pod = Run()["spec"]!["taskRunTemplate"]!["podTemplate"]!;
        Assert.True(JsonNode.DeepEquals(PoolPlacement.NodeSelector(PoolRole.Ci), pod["nodeSelector"]));
        Assert.True(JsonNode.DeepEquals(PoolPlacement.Tolerations(PoolRole.Ci), pod["tolerations"]));
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(PreviewPipelineComponent.DiffTaskName)]
    [InlineData(PreviewPipelineComponent.PreviewTaskName)]
    public void Every_step_runs_restricted(string task)
    {
        var spec = Task(task)["spec"]!;
        var context = spec["stepTemplate"]!["securityContext"]!;
        Assert.True(context["runAsNonRoot"]!.GetValue<bool>());
        Assert.False(context["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal("[\"ALL\"]", context["capabilities"]!["drop"]!.ToJsonString());
        Assert.Equal("RuntimeDefault", context["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.All(spec["steps"]!.AsArray(), step => Assert.Null(step!["securityContext"]));
    }

    [Fact]
    public void The_diff_runs_the_pull_requests_code_without_any_credential()
    {
        var diff = Task(PreviewPipelineComponent.DiffTaskName).ToJsonString();
        Assert.DoesNotContain("secretKeyRef", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("pulumi preview", diff, StringComparison.Ordinal);
        var account = Object("ServiceAccount", PreviewPipelineComponent.DiffServiceAccount);
        Assert.False(account["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.Equal(PreviewPipelineComponent.DiffServiceAccount, Run()["spec"]!["taskRunTemplate"]!["serviceAccountName"]!.GetValue<string>());
    }

    [Fact]
    public void Pulumi_preview_gets_credentials_only_for_pull_requests_from_the_repository_itself()
    {
        var tasks = Object("Pipeline")["spec"]!["tasks"]!.AsArray();
        var preview = tasks.Single(t => t!["taskRef"]!["name"]!.GetValue<string>() == PreviewPipelineComponent.PreviewTaskName)!;
        var when = Assert.Single(preview["when"]!.AsArray())!;
        Assert.Equal("$(params.head-repo)", when["input"]!.GetValue<string>());
        Assert.Equal("in", when["operator"]!.GetValue<string>());
        Assert.Equal("[\"$(params.base-repo)\"]", when["values"]!.ToJsonString());

        var token = Task(PreviewPipelineComponent.PreviewTaskName)["spec"]!["steps"]!.AsArray().SelectMany(s => s!["env"]?.AsArray() ?? []).Single(e => e!["valueFrom"] is not null)!;
        Assert.Equal("PULUMI_ACCESS_TOKEN", token["name"]!.GetValue<string>());
        Assert.Equal("pulumi-access-token", token["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());

        var spec = Assert.Single(Run()["spec"]!["taskRunSpecs"]!.AsArray())!;
        Assert.Equal(preview["name"]!.GetValue<string>(), spec["pipelineTaskName"]!.GetValue<string>());
        Assert.Equal(PreviewPipelineComponent.PulumiServiceAccount, spec["serviceAccountName"]!.GetValue<string>());
    }

    [Fact]
    public void Parameters_line_up_from_the_github_event_to_the_scripts()
    {
        var bound = Names(Object("TriggerBinding")["spec"]!["params"]!);
        var template = Object("TriggerTemplate")["spec"]!;
        Assert.Equal(bound, Names(template["params"]!));
        var pipeline = Object("Pipeline")["spec"]!;
        var declared = Names(pipeline["params"]!);
        Assert.Subset(declared.ToHashSet(), Names(Run()["spec"]!["params"]!).ToHashSet());
        Assert.All(Run()["spec"]!["params"]!.AsArray(), p => Assert.Equal($"$(tt.params.{p!["name"]})", p["value"]!.GetValue<string>()));
        Assert.Equal("dev", pipeline["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == PreviewPipelineComponent.Params.Stack)!["default"]!.GetValue<string>());

        foreach (var task in pipeline["tasks"]!.AsArray())
        {
            var taskSpec = Task(task!["taskRef"]!["name"]!.GetValue<string>())["spec"]!;
            Assert.Equal(Names(taskSpec["params"]!), Names(task["params"]!));
            Assert.All(References(task.ToJsonString(), "params"), r => Assert.Contains(r, declared));

            // Every $(params.x) a task uses is one it declares, and every variable a script reads is set.
            Assert.All(References(taskSpec.ToJsonString(), "params"), r => Assert.Contains(r, Names(taskSpec["params"]!)));
            var env = taskSpec["stepTemplate"]!["env"]!.AsArray().Concat(taskSpec["steps"]!.AsArray().SelectMany(s => s!["env"]?.AsArray() ?? []))
                .Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
            foreach (var step in taskSpec["steps"]!.AsArray())
            {
                // ${VAR:+…} is how a script reads a variable that may be unset: not a requirement.
                var script = OptionalUse().Replace(step!["script"]!.GetValue<string>(), string.Empty);
                var locals = ShellAssignment().Matches(script).Select(m => m.Groups[1].Value).Append("PATH");
                foreach (Match m in ShellVariable().Matches(script))
                {
                    var variable = m.Groups[1].Value;
                    Assert.True(env.Contains(variable) || locals.Contains(variable), $"{step["name"]}: ${variable} is never set");
                }
            }
        }
    }

    [Fact]
    public void Scripts_take_parameters_only_through_the_environment()
    {
        foreach (var script in new[] { PreviewSteps.Checkout, PreviewSteps.Diff, PreviewSteps.Preview })
        {
            Assert.DoesNotContain("$(params.", script, StringComparison.Ordinal);
            Assert.DoesNotContain("$(", script, StringComparison.Ordinal); // Tekton would read $(…) as its own variable
        }
    }

    [Fact]
    public void The_pulumi_version_file_pins_one_release() =>
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+\n?$", File.ReadAllText(RepoPaths.At(PreviewSteps.PulumiVersionFile)));

    [Fact]
    public void Outputs_name_what_an_event_listener_binds()
    {
        var (graph, outputs) = Declare();
        Assert.Equal("zcash-infra-preview-github-pull-request", outputs.TriggerBinding);
        Assert.Equal("zcash-infra-preview", outputs.TriggerTemplate);
        Assert.Equal("dev/preview-pipeline", outputs.ComponentPath);
        Assert.All(graph.Resources.Where(r => r.Parent == outputs.ComponentPath), r => Assert.Contains("dev/namespace-zcash-ci", r.Options.DependsOn));
    }

    private static List<string> Names(JsonNode list) => [.. list.AsArray().Select(p => p!["name"]!.GetValue<string>())];

    private static IEnumerable<string> References(string json, string kind) =>
        Regex.Matches(json, $@"\$\({kind}\.([a-z-]+)\)").Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\$\{?([A-Z_][A-Z0-9_]*)")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"\$\{[A-Z_][A-Z0-9_]*:\+[^}]*\}")]
    private static partial Regex OptionalUse();

    [GeneratedRegex(@"(?m)(?:^|\s|;)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex ShellAssignment();
}
