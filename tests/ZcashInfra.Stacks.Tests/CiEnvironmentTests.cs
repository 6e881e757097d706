using System.Text.Json.Nodes;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

/// <summary>The CI part of the dev and prod stacks, and of stacks that enable only part of it.</summary>
public class CiEnvironmentTests
{
    private const string Workers = """
          zcash-infra:ciWorkers:
            enabled: true
            master: {host: buildbot}
            queue: {serverAddress: 'http://prometheus:9090'}
        """;

    private static ResourceGraph Stack(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    private static ResourceGraph WithBase(string extra) => ZcashEnvironment.Declare("test", StackYaml.WithBase(extra).GetOrThrow());

    private static IEnumerable<JsonObject> Objects(ResourceGraph graph, string kind) =>
        graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (JsonObject)InputTree.ToPlainJson(n.Inputs)!)
            .Where(o => o["kind"]!.GetValue<string>() == kind);

    private static string? Output(ResourceGraph graph, string name) => graph.Outputs.SingleOrDefault(o => o.Name == name)?.Value?.GetValue<string>();

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_ci_object_of_the_stack_validates_and_passes_every_policy(string stack) =>
        Assert.Empty(TestSchemas.Validator.Validate(Stack(stack), stack == "prod" ? EnvironmentTier.Production : EnvironmentTier.Development));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Ci_pods_can_only_land_on_the_ci_pool_and_no_other_pod_can(string stack)
    {
        var sites = Stack(stack).Resources
            .Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .SelectMany(n => PodSpecs.Find((JsonObject)InputTree.ToPlainJson(n.Inputs)!))
            .ToList();
        Assert.NotEmpty(sites);
        foreach (var site in sites)
        {
            var isCi = site.Namespace is not null && Namespaces.CiNamespaces.Contains(site.Namespace);
            var isService = site.Labels[CiPlacement.ServiceLabel]?.GetValue<string>() == "true";
            var roles = PoolPlacementChecks.SelectedRoles(site.Spec);
            if (isCi && !isService)
            {
                Assert.Equal([PoolRole.Ci], roles);
                Assert.True(PoolPlacementChecks.Tolerates(site.Spec, PoolRole.Ci), site.Path);
            }
            else
            {
                Assert.DoesNotContain(PoolRole.Ci, roles);
                Assert.False(PoolPlacementChecks.Tolerates(site.Spec, PoolRole.Ci), $"{site.Kind} {site.Path} tolerates the CI pool");
            }
        }

        // The only pods off the CI pool in the CI namespaces are its always-on services.
        Assert.Equal(["CronJob", "EventListener"], sites.Where(s => s.Labels[CiPlacement.ServiceLabel] is not null).Select(s => s.Kind).Order());
    }

    [Fact]
    public void Dev_scales_ci_to_nothing_and_keeps_no_warm_capacity()
    {
        var graph = Stack("dev");
        var scaler = Assert.Single(Objects(graph, "ScaledObject"));
        Assert.Equal(0, scaler["spec"]!["minReplicaCount"]!.GetValue<int>());
        Assert.DoesNotContain(Objects(graph, "Deployment"), d => d["metadata"]!["name"]!.GetValue<string>() == CiWorkersComponent.PlaceholderName);
        Assert.DoesNotContain(graph.Resources, n => n.Inputs["metadata"]?["name"]?.GetValue<string>() == Namespaces.CiImages);
        Assert.Equal("zcash-ci/buildbot-worker", Output(graph, "ciWorkerStatefulSet"));
        Assert.Equal("tekton-pipelines/tekton-dashboard", Output(graph, "tektonDashboard"));
        Assert.Equal("zcash-ci/el-zcash-github", Output(graph, "ciWebhookService"));
        Assert.Empty(Objects(graph, "Ingress"));
    }

    [Fact]
    public void Prod_keeps_warm_capacity_builds_the_agent_image_and_caches_per_run()
    {
        var graph = Stack("prod");
        var placeholders = Objects(graph, "Deployment").Single(d => d["metadata"]!["name"]!.GetValue<string>() == CiWorkersComponent.PlaceholderName);
        Assert.True(placeholders["spec"]!["replicas"]!.GetValue<int>() > 0);
        Assert.True(Assert.Single(Objects(graph, "ScaledObject"))["spec"]!["minReplicaCount"]!.GetValue<int>() > 0);
        var imagesNamespace = Objects(graph, "Namespace").Single(n => n["metadata"]!["name"]!.GetValue<string>() == Namespaces.CiImages);
        Assert.Equal("baseline", imagesNamespace["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>());
        Assert.Contains(Objects(graph, "Pipeline"), p => p["metadata"]!["name"]!.GetValue<string>() == "snapshot-agent-image");

        // No shared ReadWriteOnce cache for concurrent runs to wait on: each run caches on its own volume.
        Assert.DoesNotContain(graph.Resources, n => n.Type == "kubernetes:core/v1:PersistentVolumeClaim");

        // The CI quota leaves the placeholders out; they have their own.
        var quota = Objects(graph, "ResourceQuota").Single(q => q["metadata"]!["name"]!.GetValue<string>() == CiNamespaceLimits.Name && q["metadata"]!["namespace"]!.GetValue<string>() == Namespaces.Ci);
        Assert.Equal(CiWorkersComponent.PriorityClassName, quota["spec"]!["scopeSelector"]!["matchExpressions"]![0]!["values"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Upgrading_tekton_is_a_settings_change()
    {
        var graph = WithBase("  zcash-infra:tekton:\n    enabled: true\n    pipelinesVersion: v1.16.2\n");
        Assert.Equal(TektonReleases.Pipelines("v1.16.2"), graph["test/tekton/tekton-pipelines"].Inputs["file"]!.GetValue<string>());
    }

    [Fact]
    public void Workers_alone_get_their_quota_but_no_tekton()
    {
        var graph = WithBase(Workers);
        Assert.Null(graph.Find("test/tekton"));
        Assert.NotNull(graph.Find("test/ci-limits"));
        Assert.Null(Output(graph, "ciWebhookService"));
        Assert.Equal("zcash-ci/buildbot-worker", Output(graph, "ciWorkerStatefulSet"));
    }

    [Fact]
    public void Tekton_alone_gets_the_quota_without_a_placeholder_exclusion()
    {
        var graph = WithBase("  zcash-infra:tekton:\n    enabled: true\n");
        var quotas = Objects(graph, "ResourceQuota").ToList();
        Assert.Equal([CiNamespaceLimits.Name, CiNamespaceLimits.StorageName], quotas.Select(q => q["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(quotas, q => Assert.Null(q["spec"]!["scopeSelector"]));
        Assert.Null(Output(graph, "ciWorkerStatefulSet"));
        Assert.Null(graph.Find("test/ci-workers"));
    }

    [Fact]
    public void A_cluster_that_runs_keda_already_gets_no_keda_install()
    {
        var graph = WithBase(Workers + "\n    keda: {install: false}");
        Assert.DoesNotContain(graph.Nodes, n => n.Type == TektonComponent.ConfigFile);
    }

    [Fact]
    public void Without_ci_nothing_ci_is_declared()
    {
        var graph = WithBase(string.Empty);
        Assert.DoesNotContain(graph.Nodes, n => n.Type.StartsWith("zcash-infra:index:Ci", StringComparison.Ordinal) || n.Type == TektonComponent.Type);
    }
}
