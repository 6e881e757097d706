using System.Text.Json.Nodes;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Components.Zcash;
using ZcashInfra.SnapshotAgent.Cli;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.CiPipelines;

public class CiPipelinesTests
{
    private static ResourceGraph Declare(Func<CiPipelinesArgs, CiPipelinesArgs>? change = null)
    {
        var builder = new GraphBuilder("test");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        CiPipelinesComponent.Declare(builder.Root, "ci", (change ?? (a => a))(new CiPipelinesArgs { Provider = k8s, Repositories = CiGraphs.Repositories }));
        return builder.Build();
    }

    private static JsonObject Task(ResourceGraph graph, string name, string ns = Namespaces.Ci) => graph.Object("Task", name, ns);

    private static JsonObject Trigger(ResourceGraph graph, string name) =>
        graph.Object("EventListener", "zcash-github")["spec"]!["triggers"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == name)!.AsObject();

    private static string CelFilter(JsonObject trigger) =>
        trigger["interceptors"]![1]!["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "filter")!["value"]!.GetValue<string>();

    [Fact]
    public void The_node_pipeline_runs_checkout_build_unit_tests_then_integration_one_after_another()
    {
        var tasks = Declare().Object("Pipeline", CiNames.NodePipeline)["spec"]!["tasks"]!.AsArray();
        var byName = tasks.ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        Assert.Equal(["checkout", "build", "unit-tests", "resolve-snapshot", "integration"], byName.Keys);
        Assert.Equal(["checkout"], byName["build"]["runAfter"].Strings());
        Assert.Equal(["build"], byName["unit-tests"]["runAfter"].Strings());
        Assert.Equal(["unit-tests", "resolve-snapshot"], byName["integration"]["runAfter"].Strings());

        // Only the volume-free lookup runs beside another task; everything on the run's volume is sequential.
        Assert.Null(byName["resolve-snapshot"]["workspaces"]);

        // Integration (and its lookup) is skipped when the run names no snapshot index.
        foreach (var name in new[] { "resolve-snapshot", "integration" })
        {
            var when = Assert.Single(byName[name]["when"]!.AsArray())!;
            Assert.Equal("$(params.snapshot-index)", when["input"]!.GetValue<string>());
            Assert.Equal("notin", when["operator"]!.GetValue<string>());
            Assert.Equal([string.Empty], when["values"].Strings());
        }
    }

    [Fact]
    public void Build_caches_downloads_on_the_shared_cache_when_bound_else_on_the_run_volume_and_builds_in_the_run_volume()
    {
        var step = Task(Declare(), CiNames.BuildTask)["spec"]!["steps"]![0]!;
        var env = step["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal("$(workspaces.cache.bound)", env["CACHE_BOUND"]);
        Assert.Equal("$(workspaces.cache.path)", env["CACHE_DIR"]);
        Assert.Equal("$(workspaces.source.path)/target", env["CARGO_TARGET_DIR"]);
        Assert.Contains(CiScripts.CacheSetup, step["script"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("export CARGO_HOME=\"$cache/cargo\" SOURCES_PATH=\"$cache/zcashd/sources\" BASE_CACHE=\"$cache/zcashd/built\"", CiScripts.CacheSetup, StringComparison.Ordinal);
        Assert.Contains("cargo build --locked --release --bin zebrad", step["script"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("./zcutil/build.sh", step["script"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("4", step["computeResources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("12Gi", step["computeResources"]!["limits"]!["memory"]!.GetValue<string>());
    }

    [Fact]
    public void Webhook_values_reach_scripts_only_through_the_environment()
    {
        // A branch name or URL from a payload, substituted into script text, could inject commands.
        foreach (var task in Declare().Objects("Task"))
        {
            foreach (var step in (task["spec"]!["steps"] as JsonArray ?? []).Concat(task["spec"]!["sidecars"] as JsonArray ?? []))
            {
                var script = step!["script"]?.GetValue<string>() ?? string.Empty;
                Assert.DoesNotContain("$(params.", script, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_integration_restore_is_a_command_line_the_snapshot_agent_accepts()
    {
        var task = Task(Declare(), CiNames.IntegrationTask);
        var restore = task["spec"]!["steps"]![0]!;
        Assert.Equal("$(params.agent-image)", restore["image"]!.GetValue<string>());
        var args = restore["args"].Strings().Select(a => a
            .Replace("$(params.archive-url)", "https://snapshots.zfnd.org/testnet/zebra-3000000.tar.zst", StringComparison.Ordinal)
            .Replace("$(params.sha256)", new string('a', 64), StringComparison.Ordinal)
            .Replace("$(params.network)", "testnet", StringComparison.Ordinal)
            .Replace("$(params.implementation)", "zebrad", StringComparison.Ordinal)
            .Replace("$(params.db-major)", "28", StringComparison.Ordinal)
            .Replace("$(workspaces.source.path)", "/workspace/source", StringComparison.Ordinal)
            .Replace("$(params.state-subdir)", string.Empty, StringComparison.Ordinal)).ToArray();
        Assert.Empty(AgentCli.Parse(args));
        Assert.DoesNotContain(args, a => a.Contains("$(", StringComparison.Ordinal));

        // The node under test is the binary just built, run as a sidecar beside the checks.
        var node = Assert.Single(task["spec"]!["sidecars"]!.AsArray())!;
        Assert.Equal("$(params.builder-image)", node["image"]!.GetValue<string>());
        Assert.Contains("exec \"$bin/zebrad\"", node["script"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["restore", "rpc-checks", "rpc-tests"], task["spec"]!["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Each_node_repository_gets_signature_checked_push_and_pull_request_triggers()
    {
        var graph = Declare();
        var push = Trigger(graph, "zebra-push");
        var github = push["interceptors"]![0]!;
        Assert.Equal("github", github["ref"]!["name"]!.GetValue<string>());
        Assert.Equal("ClusterInterceptor", github["ref"]!["kind"]!.GetValue<string>());
        var secretRef = github["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "secretRef")!["value"]!;
        Assert.Equal("github-webhook", secretRef["secretName"]!.GetValue<string>());
        Assert.Equal("secret", secretRef["secretKey"]!.GetValue<string>());
        Assert.Equal(["push"], github["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "eventTypes")!["value"].Strings());
        Assert.StartsWith("body.repository.full_name == 'ZcashFoundation/zebra'", CelFilter(push), StringComparison.Ordinal);

        var pr = Trigger(graph, "zcashd-pull-request");
        Assert.Contains("body.repository.full_name == 'zcash/zcash'", CelFilter(pr), StringComparison.Ordinal);
        Assert.Contains("body.action in ['opened', 'synchronize', 'reopened']", CelFilter(pr), StringComparison.Ordinal);
        Assert.Contains("body.pull_request.head.repo.full_name == body.repository.full_name", CelFilter(pr), StringComparison.Ordinal);
        var inline = pr["bindings"]!.AsArray().Where(b => b!["name"] is not null).ToDictionary(b => b!["name"]!.GetValue<string>(), b => b!["value"]!.GetValue<string>());
        Assert.Equal("zcashd", inline[CiNames.Implementation]);
        Assert.Equal("testnet3", inline[CiNames.StateSubdir]);
        Assert.Equal(string.Empty, inline[CiNames.SnapshotIndex]);

        // The agent repository publishes images from its default branch and version tags, and has no PR trigger.
        var agent = Trigger(graph, "zcash-infra-push");
        Assert.Contains("body.ref == 'refs/heads/' + body.repository.default_branch", CelFilter(agent), StringComparison.Ordinal);
        Assert.Equal(CiNames.ImagePipeline, agent["template"]!["ref"]!.GetValue<string>());
        Assert.DoesNotContain(graph.Object("EventListener", "zcash-github")["spec"]!["triggers"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "zcash-infra-pull-request");
    }

    [Fact]
    public void Fork_pull_requests_are_built_only_when_the_stack_allows_it() =>
        Assert.DoesNotContain("head.repo.full_name", CelFilter(Trigger(Declare(a => a with { ForkPullRequests = true }), "zebra-pull-request")), StringComparison.Ordinal);

    [Fact]
    public void Runs_place_every_task_pod_on_the_ci_pool_as_a_non_root_user_without_an_api_token()
    {
        var run = Declare().Object("TriggerTemplate", CiNames.NodePipeline)["spec"]!["resourcetemplates"]![0]!;
        var template = run["spec"]!["taskRunTemplate"]!;
        Assert.Equal("zcash-ci-runner", template["serviceAccountName"]!.GetValue<string>());
        var pod = template["podTemplate"]!;
        Assert.Equal("ci", pod["nodeSelector"]![PoolPlacement.RoleLabel]!.GetValue<string>());
        Assert.True(PoolPlacementChecks.Tolerates(pod.AsObject(), PoolRole.Ci));
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(PodSecurity.NonRootUser, pod["securityContext"]!["fsGroup"]!.GetValue<long>());
        Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>());

        // One fresh volume per run (a clean environment); by default the cache lives on it too, so
        // no run ever waits for a volume another node holds.
        var workspaces = run["spec"]!["workspaces"]!.AsArray();
        Assert.Equal("60Gi", workspaces[0]!["volumeClaimTemplate"]!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Single(workspaces);
        Assert.DoesNotContain(Declare().Objects("PersistentVolumeClaim"), _ => true);
    }

    [Fact]
    public void A_shared_cache_is_one_read_write_many_claim_every_run_binds()
    {
        var graph = Declare(a => a with { Cache = new BuildCacheArgs { AccessMode = BuildCacheArgs.ReadWriteMany, StorageClass = "standard-rwx" } });
        var claim = Assert.Single(graph.Objects("PersistentVolumeClaim"));
        Assert.Equal(["ReadWriteMany"], claim["spec"]!["accessModes"].Strings());
        Assert.Equal("standard-rwx", claim["spec"]!["storageClassName"]!.GetValue<string>());
        var workspaces = graph.Object("TriggerTemplate", CiNames.NodePipeline)["spec"]!["resourcetemplates"]![0]!["spec"]!["workspaces"]!.AsArray();
        Assert.Equal("zcash-ci-build-cache", workspaces[1]!["persistentVolumeClaim"]!["claimName"]!.GetValue<string>());
    }

    [Fact]
    public void The_integration_height_and_network_come_from_the_stack()
    {
        var graph = Declare(a => a with { Integration = new IntegrationArgs { Network = Network.Mainnet, Height = 2_500_000 } });
        var values = graph.Object("TriggerTemplate", CiNames.NodePipeline)["spec"]!["resourcetemplates"]![0]!["spec"]!["params"]!.AsArray()
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());
        Assert.Equal("2500000", values[CiNames.SnapshotHeight]);
        Assert.Equal("mainnet", values[CiNames.Network]);
    }

    [Fact]
    public void The_agent_image_is_built_with_kaniko_in_the_image_namespace_and_pushed_next_to_the_configured_image()
    {
        var graph = Declare(a => a with { AgentImage = "registry.example.org/infra/agent:1.2.3" });
        var task = Task(graph, CiNames.ImageBuildTask, Namespaces.CiImages);
        var step = task["spec"]!["steps"]![0]!;
        Assert.Contains("--dockerfile=$(workspaces.source.path)/source/$(params.dockerfile)", step["args"].Strings());
        Assert.Equal(CiPipelinesArgs.AgentDockerfile, task["spec"]!["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "dockerfile")!["default"]!.GetValue<string>());
        Assert.False(step["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], step["securityContext"]!["capabilities"]!["drop"].Strings());
        Assert.Subset(CiPodSecurityPolicy.BaselineCapabilities.ToHashSet(), step["securityContext"]!["capabilities"]!["add"].Strings().ToHashSet());
        Assert.Equal("registry-push", task["spec"]!["volumes"]![0]!["secret"]!["secretName"]!.GetValue<string>());

        var run = graph.Object("TriggerTemplate", CiNames.ImagePipeline)["spec"]!["resourcetemplates"]![0]!;
        Assert.Equal(Namespaces.CiImages, run["metadata"]!["namespace"]!.GetValue<string>());
        var image = run["spec"]!["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == CiNames.Image)!["value"]!.GetValue<string>();
        Assert.Equal("registry.example.org/infra/agent:$(tt.params.image-tag)", image);

        // The listener may create runs there, and nothing else.
        var rule = Assert.Single(graph.Object("Role", "zcash-ci-triggers", Namespaces.CiImages)["rules"]!.AsArray())!;
        Assert.Equal(["pipelineruns"], rule["resources"].Strings());
        Assert.Equal(["create"], rule["verbs"].Strings());
    }

    [Fact]
    public void Without_an_agent_repository_nothing_is_declared_in_the_image_namespace()
    {
        var graph = Declare(a => a with { Repositories = [.. CiGraphs.Repositories.Where(r => r.Build != CiBuild.SnapshotAgent)] });
        Assert.DoesNotContain(graph.Resources, n => n.Inputs["metadata"]?["namespace"]?.GetValue<string>() == Namespaces.CiImages);
        Assert.DoesNotContain(graph.Objects("TriggerTemplate"), t => t["metadata"]!["name"]!.GetValue<string>() == CiNames.ImagePipeline);
    }

    [Fact]
    public void The_listener_is_a_ci_service_on_the_system_pool_and_exposed_only_when_asked()
    {
        var graph = Declare();
        var template = graph.Object("EventListener", "zcash-github")["spec"]!["resources"]!["kubernetesResource"]!["spec"]!["template"]!;
        Assert.Equal("true", template["metadata"]!["labels"]![CiPlacement.ServiceLabel]!.GetValue<string>());
        Assert.Equal("system", template["spec"]!["nodeSelector"]![PoolPlacement.RoleLabel]!.GetValue<string>());
        Assert.Empty(graph.Objects("Ingress"));

        var exposed = Declare(a => a with { WebhookIngress = new IngressArgs("hooks.ci.example.org") });
        var backend = Assert.Single(exposed.Objects("Ingress"))["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        Assert.Equal("el-zcash-github", backend["name"]!.GetValue<string>());
        Assert.Equal(8080, backend["port"]!["number"]!.GetValue<int>());
    }

    [Fact]
    public void The_cache_volume_is_protected_when_durable()
    {
        var cache = Declare(a => a with { ProtectState = true, Cache = new BuildCacheArgs { Size = "10Gi", StorageClass = "filestore", AccessMode = "ReadWriteMany" } })
            .Node("PersistentVolumeClaim", "zcash-ci-build-cache");
        Assert.True(cache.Options.Protect);
        Assert.True(cache.Options.RetainOnDelete);
        Assert.Equal("filestore", cache.Inputs["spec"]!["storageClassName"]!.GetValue<string>());
        Assert.Equal("ReadWriteMany", cache.Inputs["spec"]!["accessModes"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Every_object_validates_and_passes_the_policies() =>
        Assert.Empty(TestSchemas.Validator.Validate(Declare(a => a with { ProtectState = true }), EnvironmentTier.Production));

    [Fact]
    public void Render_matches_the_golden_file() =>
        Golden.Check("tests/ZcashInfra.Components.Tests/CiPipelines/golden/ci-pipelines.json", GraphJson.Render(Declare()));
}
