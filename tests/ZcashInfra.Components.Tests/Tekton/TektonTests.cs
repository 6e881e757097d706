using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Tekton;

public class TektonTests
{
    private static (ResourceGraph Graph, TektonOutputs Outputs) Declare(Func<TektonArgs, TektonArgs>? change = null)
    {
        var builder = new GraphBuilder("test");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ci = Namespaces.Declare(builder.Root, "namespace-zcash-ci", Namespaces.Ci, k8s, "zcash-ci");
        var outputs = TektonComponent.Declare(builder.Root, "tekton",
            (change ?? (a => a))(new TektonArgs { Provider = k8s, NamespacePaths = [ci] }));
        return (builder.Build(), outputs);
    }

    private static GraphNode Release(ResourceGraph graph, string name) => graph[$"test/tekton/tekton-{name}"];

    [Fact]
    public void Release_urls_are_the_pinned_infra_tekton_dev_manifests()
    {
        Assert.Equal("https://infra.tekton.dev/tekton-releases/pipeline/previous/v1.15.0/release.yaml", TektonReleases.Pipelines("v1.15.0"));
        Assert.Equal("https://infra.tekton.dev/tekton-releases/triggers/previous/v0.37.0/release.yaml", TektonReleases.Triggers("v0.37.0"));
        Assert.Equal("https://infra.tekton.dev/tekton-releases/triggers/previous/v0.37.0/interceptors.yaml", TektonReleases.Interceptors("v0.37.0"));
        Assert.Equal("https://infra.tekton.dev/tekton-releases/dashboard/previous/v0.63.0/release.yaml", TektonReleases.Dashboard("v0.63.0"));

        // The default Dashboard is the release made for Pipelines v1.15 LTS and Triggers v0.37 LTS.
        Assert.Equal(("v1.15.0", "v0.37.0", "v0.72.0"), (TektonReleases.DefaultPipelines, TektonReleases.DefaultTriggers, TektonReleases.DefaultDashboard));
        Assert.Throws<ArgumentException>(() => TektonReleases.Pipelines("latest"));
    }

    [Fact]
    public void Releases_are_provider_side_config_files_installed_pipelines_then_triggers_then_dashboard()
    {
        var (graph, outputs) = Declare();
        var pipelines = Release(graph, "pipelines");
        var triggers = Release(graph, "triggers");
        var interceptors = Release(graph, "interceptors");
        var dashboard = Release(graph, "dashboard");

        Assert.All(new[] { pipelines, triggers, interceptors, dashboard }, n =>
        {
            Assert.Equal("kubernetes:yaml/v2:ConfigFile", n.Type);
            Assert.Equal(NodeKind.Component, n.Kind);
            Assert.Equal("test/kubernetes", n.Options.Provider);
        });
        Assert.Equal(TektonReleases.Pipelines("v1.15.0"), pipelines.Inputs["file"]!.GetValue<string>());
        Assert.Equal(TektonReleases.Interceptors("v0.37.0"), interceptors.Inputs["file"]!.GetValue<string>());
        Assert.Empty(pipelines.Options.DependsOn.ToArray());
        Assert.Equal([pipelines.Path], triggers.Options.DependsOn.ToArray());
        Assert.Equal([triggers.Path], interceptors.Options.DependsOn.ToArray());
        Assert.Equal([triggers.Path, interceptors.Path], dashboard.Options.DependsOn.ToArray());
        Assert.Equal([pipelines.Path, outputs.FeatureFlagsPath, triggers.Path, interceptors.Path], outputs.Ready.ToArray());
    }

    [Fact]
    public void Upgrading_is_a_version_change_that_the_render_shows()
    {
        var (before, _) = Declare();
        var (after, _) = Declare(a => a with { PipelinesVersion = "v1.16.0", TriggersVersion = "v0.38.0" });
        Assert.Equal(TektonReleases.Pipelines("v1.16.0"), Release(after, "pipelines").Inputs["file"]!.GetValue<string>());
        Assert.Equal(TektonReleases.Triggers("v0.38.0"), Release(after, "triggers").Inputs["file"]!.GetValue<string>());

        // The feature-flags patch names the release, so it is re-applied over the upgraded ConfigMap.
        var flags = after[$"test/tekton/tekton-feature-flags"].Inputs["metadata"]!["annotations"]![TektonComponent.PatchedReleaseAnnotation]!;
        Assert.Equal("v1.16.0", flags.GetValue<string>());
        Assert.NotEqual(GraphJson.Render(before), GraphJson.Render(after));
    }

    [Fact]
    public void The_old_pin_to_new_pin_diff_updates_the_release_then_re_forces_the_flags_in_place()
    {
        var (before, _) = Declare();
        var (after, _) = Declare(a => a with { PipelinesVersion = "v1.16.0" });
        var diff = Components.Diff.GraphDiff.Compare(Components.Diff.DiffSide.FromGraph(before), Components.Diff.DiffSide.FromGraph(after));
        var pipelines = diff.Entries.Single(e => e.Path == "test/tekton/tekton-pipelines");
        var flags = diff.Entries.Single(e => e.Path == "test/tekton/tekton-feature-flags");

        // Both change in place: nothing is deleted, so neither the CRDs nor the flags ever go away.
        Assert.Equal((Components.Diff.ChangeKind.Changed, Components.Diff.ChangeKind.Changed), (pipelines.Kind, flags.Kind));
        Assert.Contains(pipelines.Properties, p => p.Property == "file");
        Assert.Contains(flags.Properties, p => p.Property.Contains(TektonComponent.PatchedReleaseAnnotation, StringComparison.Ordinal));

        // The patch is applied after the release (it depends on it), and only a forced release apply
        // gets past the fields the patch forced: the deploy path sets the force variable (WorkflowTests).
        Assert.Contains(pipelines.Path, after[flags.Path].Options.DependsOn);
        Assert.Equal(("PULUMI_K8S_ENABLE_PATCH_FORCE", "true"), TektonComponent.ForceApplyEnvironment);
        Assert.Equal("true", after[flags.Path].Inputs["metadata"]!["annotations"]![KubernetesObjects.PatchForceAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void Feature_flags_patch_makes_tekton_containers_restricted_and_disables_the_affinity_assistant()
    {
        var (graph, _) = Declare();
        var patch = graph["test/tekton/tekton-feature-flags"];
        Assert.Equal("kubernetes:core/v1:ConfigMapPatch", patch.Type);
        Assert.Equal(["test/tekton/tekton-pipelines"], patch.Options.DependsOn.ToArray());
        var manifest = (JsonObject)InputTree.ToPlainJson(patch.Inputs)!;
        Assert.Equal("feature-flags", manifest["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("tekton-pipelines", manifest["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("true", manifest["metadata"]!["annotations"]![KubernetesObjects.PatchForceAnnotation]!.GetValue<string>());
        Assert.Equal("true", manifest["data"]!["set-security-context"]!.GetValue<string>());
        Assert.Equal("disabled", manifest["data"]!["coschedule"]!.GetValue<string>());

        // Only the two flags: the release's other defaults and its labels stay its own.
        Assert.Equal(2, manifest["data"]!.AsObject().Count);
        Assert.Null(manifest["metadata"]!["labels"]);
    }

    [Fact]
    public void The_dashboard_is_not_exposed_unless_an_ingress_host_is_given()
    {
        var (graph, outputs) = Declare();
        Assert.Empty(graph.Objects("Ingress"));
        Assert.Equal("tekton-pipelines/tekton-dashboard", outputs.DashboardService);

        var (exposed, _) = Declare(a => a with { DashboardIngress = new IngressArgs("tekton.ci.example.org", "nginx") });
        var ingress = Assert.Single(exposed.Objects("Ingress"));
        Assert.Equal("tekton-pipelines", ingress["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("tekton.ci.example.org", ingress["spec"]!["rules"]![0]!["host"]!.GetValue<string>());
        var backend = ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        Assert.Equal("tekton-dashboard", backend["name"]!.GetValue<string>());
        Assert.Equal(9097, backend["port"]!["number"]!.GetValue<int>());
        Assert.Equal(["test/tekton/tekton-dashboard"], exposed.Node("Ingress", "tekton-dashboard").Options.DependsOn.ToArray());

        var (none, noDashboard) = Declare(a => a with { DashboardVersion = null });
        Assert.Null(none.Find("test/tekton/tekton-dashboard"));
        Assert.Null(noDashboard.DashboardService);
    }

    [Fact]
    public void The_pruner_may_only_list_and_delete_runs_and_runs_on_the_system_pool()
    {
        var (graph, _) = Declare(a => a with
        {
            RunNamespaces = [Namespaces.Ci, Namespaces.CiImages],
            Pruning = new RunPruningArgs { Schedule = "5 4 * * *", KeepRuns = 7 },
        });
        foreach (var ns in new[] { Namespaces.Ci, Namespaces.CiImages })
        {
            var rules = graph.Object("Role", "tekton-run-pruner", ns)["rules"]!.AsArray();
            Assert.Equal(["pipelineruns", "taskruns"], rules.Select(r => Assert.Single(r!["resources"].Strings())));
            Assert.All(rules, r => Assert.Equal(["tekton.dev"], r!["apiGroups"].Strings()));
            Assert.All(rules, r => Assert.Equal(["list", "delete"], r!["verbs"].Strings()));
            var binding = graph.Object("RoleBinding", "tekton-run-pruner", ns);
            Assert.Equal(Namespaces.Ci, binding["subjects"]![0]!["namespace"]!.GetValue<string>());
        }

        var cron = graph.Object("CronJob", "tekton-run-pruner");
        Assert.Equal("5 4 * * *", cron["spec"]!["schedule"]!.GetValue<string>());
        Assert.Equal("Forbid", cron["spec"]!["concurrencyPolicy"]!.GetValue<string>());
        var pod = cron["spec"]!["jobTemplate"]!["spec"]!["template"]!;
        Assert.Equal("true", pod["metadata"]!["labels"]![CiPlacement.ServiceLabel]!.GetValue<string>());
        Assert.Equal(PoolPlacement.RoleValue(PoolRole.System), pod["spec"]!["nodeSelector"]![PoolPlacement.RoleLabel]!.GetValue<string>());
        Assert.Null(pod["spec"]!["tolerations"]);
        var env = pod["spec"]!["containers"]![0]!["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal("zcash-ci zcash-ci-images", env["PRUNE_NAMESPACES"]);
        Assert.Equal("7", env["KEEP_RUNS"]);
    }

    [Fact]
    public void Every_object_validates_and_passes_the_policies()
    {
        var (graph, _) = Declare(a => a with { DashboardIngress = new IngressArgs("tekton.ci.example.org") });
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));
    }

    [Fact]
    public void Another_pin_is_checked_against_its_own_release_schemas_not_the_default_ones()
    {
        var (graph, _) = Declare(a => a with { PipelinesVersion = "v1.16.0" });
        var finding = Assert.Single(TestSchemas.Validator.Validate(graph, EnvironmentTier.Development), f => f.Check == "schema");
        Assert.Equal("test/tekton", finding.ResourcePath);
        Assert.Contains("Tekton Pipelines v1.16.0 is pinned", finding.Message, StringComparison.Ordinal);
        Assert.Contains("tekton/pipeline-v1.16.0", finding.Message, StringComparison.Ordinal);

        // The schemas follow the pin: a Task is checked against the pinned release's CRD, which is absent here.
        var task = new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Task",
            ["metadata"] = new JsonObject { ["name"] = "t" },
            ["spec"] = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "s", ["image"] = "busybox" }) },
        };
        Assert.Empty(new KubernetesSchemas(TestSchemas.Folder).Validate(task));
        Assert.Contains("no schema for tekton.dev/v1 Task", Assert.Single(new KubernetesSchemas(TestSchemas.Folder, tekton: TektonSchemaPins.Of(graph)).Validate(task)), StringComparison.Ordinal);
        Assert.Equal(TektonSchemaPins.Default, TektonSchemaPins.Of(Declare().Graph));
    }

    [Fact]
    public void Render_matches_the_golden_file() =>
        Golden.Check("tests/ZcashInfra.Components.Tests/Tekton/golden/tekton.json", GraphJson.Render(Declare().Graph));
}
