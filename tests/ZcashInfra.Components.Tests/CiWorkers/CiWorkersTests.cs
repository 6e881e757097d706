using System.Diagnostics;
using System.Text.Json.Nodes;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Tests.Shared;
using CiWorkersComponent = ZcashInfra.Components.CiWorkers.CiWorkers;

namespace ZcashInfra.Components.Tests.CiWorkers;

[Collection(ChildProcessCollection.Name)]
public class CiWorkersTests
{
    private static ResourceGraph Declare(Func<CiWorkersArgs, CiWorkersArgs>? change = null)
    {
        var builder = new GraphBuilder("test");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ns = Namespaces.Declare(builder.Root, "namespace-zcash-ci", Namespaces.Ci, k8s, "zcash-ci");
        CiWorkersComponent.Declare(builder.Root, "ci-workers", (change ?? (a => a))(new CiWorkersArgs
        {
            Provider = k8s,
            MasterHost = "buildbot-master.zcash-ci",
            Queue = new QueueMetricArgs { ServerAddress = "http://prometheus.monitoring:9090", Threshold = "2" },
            DependsOn = [ns],
            MinWorkers = 0,
            MaxWorkers = 6,
            CooldownSeconds = 120,
            ScaleDownStabilizationSeconds = 900,
            DrainTimeoutSeconds = 5400,
        }));
        return builder.Build();
    }

    [Fact]
    public void Keda_scales_the_workers_on_build_demand_from_prometheus_down_to_zero()
    {
        var scaler = Declare().Object("ScaledObject", CiWorkersComponent.WorkerName)["spec"]!;
        Assert.Equal("Deployment", scaler["scaleTargetRef"]!["kind"]!.GetValue<string>());
        Assert.Equal(CiWorkersComponent.WorkerName, scaler["scaleTargetRef"]!["name"]!.GetValue<string>());
        Assert.Equal(0, scaler["minReplicaCount"]!.GetValue<int>());
        Assert.Equal(6, scaler["maxReplicaCount"]!.GetValue<int>());
        Assert.Equal(120, scaler["cooldownPeriod"]!.GetValue<int>());
        var scaleDown = scaler["advanced"]!["horizontalPodAutoscalerConfig"]!["behavior"]!["scaleDown"]!;
        Assert.Equal(900, scaleDown["stabilizationWindowSeconds"]!.GetValue<int>());
        Assert.Equal(1, scaleDown["policies"]![0]!["value"]!.GetValue<int>());
        var trigger = Assert.Single(scaler["triggers"]!.AsArray())!;
        Assert.Equal("prometheus", trigger["type"]!.GetValue<string>());
        Assert.Equal("http://prometheus.monitoring:9090", trigger["metadata"]!["serverAddress"]!.GetValue<string>());
        Assert.Equal(QueueMetricArgs.DefaultQuery, trigger["metadata"]!["query"]!.GetValue<string>());
        Assert.Equal("2", trigger["metadata"]!["threshold"]!.GetValue<string>());
    }

    [Fact]
    public void Workers_finish_their_build_before_a_scale_down_removes_them()
    {
        var deployment = Declare().Object("Deployment", CiWorkersComponent.WorkerName);

        // The HPA owns the replica count; a value here would fight it on every update.
        Assert.Null(deployment["spec"]!["replicas"]);
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Assert.Equal(5400, pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        var worker = pod["containers"]![0]!;
        Assert.Equal(["/bin/sh", "-c", CiWorkersComponent.DrainScript], worker["lifecycle"]!["preStop"]!["exec"]!["command"].Strings());
        Assert.Contains("shutdown.stamp", CiWorkersComponent.DrainScript, StringComparison.Ordinal);
        Assert.Contains("allow_shutdown=\"file\"", CiWorkersComponent.BuildbotTac, StringComparison.Ordinal);
        Assert.Contains($"basedir = \"{CiWorkersComponent.WorkerDirectory}\"", CiWorkersComponent.BuildbotTac, StringComparison.Ordinal);
        Assert.Equal($"{CiWorkersComponent.TacDirectory}/buildbot.tac", worker["command"]!.AsArray().Last()!.GetValue<string>());
    }

    [Fact]
    public void The_worker_application_file_is_valid_python()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"]) { RedirectStandardInput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        python.StandardInput.Write(CiWorkersComponent.BuildbotTac);
        python.StandardInput.Close();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, error);
    }

    [Fact]
    public void Workers_run_on_the_ci_pool_non_root_with_the_password_from_a_secret()
    {
        var pod = Declare(a => a with { WorkerPassword = new SecretKeyRef("bb", "pw") }).Object("Deployment", CiWorkersComponent.WorkerName)["spec"]!["template"]!["spec"]!.AsObject();
        Assert.Equal([PoolRole.Ci], PoolPlacementChecks.SelectedRoles(pod));
        Assert.True(PoolPlacementChecks.Tolerates(pod, PoolRole.Ci));
        Assert.Equal(1000, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        var env = pod["containers"]![0]!["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!);
        Assert.Equal("bb", env["WORKERPASS"]["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        Assert.Equal("pw", env["WORKERPASS"]["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
        Assert.Null(env["WORKERPASS"]["value"]);
        Assert.Equal("metadata.name", env["WORKERNAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("buildbot-master.zcash-ci", env["BUILDMASTER"]["value"]!.GetValue<string>());
    }

    [Fact]
    public void Keda_is_installed_from_its_pinned_release_unless_the_cluster_has_it()
    {
        var graph = Declare(a => a with { Keda = new KedaArgs { Version = "v2.18.3" } });
        var keda = graph["test/ci-workers/ci-workers-keda"];
        Assert.Equal("kubernetes:yaml/v2:ConfigFile", keda.Type);
        Assert.Equal("https://github.com/kedacore/keda/releases/download/v2.18.3/keda-2.18.3.yaml", keda.Inputs["file"]!.GetValue<string>());
        Assert.Contains(keda.Path, graph.Node("ScaledObject", CiWorkersComponent.WorkerName).Options.DependsOn);

        var present = Declare(a => a with { Keda = new KedaArgs { Install = false } });
        Assert.Null(present.Find("test/ci-workers/ci-workers-keda"));
        Assert.DoesNotContain(present.Node("ScaledObject", CiWorkersComponent.WorkerName).Options.DependsOn, d => d.EndsWith("-keda", StringComparison.Ordinal));
    }

    [Fact]
    public void Warm_capacity_is_placeholders_below_every_real_pod_with_their_own_quota()
    {
        var graph = Declare(a => a with { WarmCapacity = new WarmCapacityArgs { Placeholders = 3, Size = new ComputeResources("4", "8Gi") } });
        var priority = graph.Object("PriorityClass", CiWorkersComponent.PriorityClassName);
        Assert.True(priority["value"]!.GetValue<int>() < 0);
        Assert.Equal("Never", priority["preemptionPolicy"]!.GetValue<string>());
        Assert.False(priority["globalDefault"]!.GetValue<bool>());

        var placeholders = graph.Object("Deployment", CiWorkersComponent.PlaceholderName);
        Assert.Equal(3, placeholders["spec"]!["replicas"]!.GetValue<int>());
        var pod = placeholders["spec"]!["template"]!["spec"]!.AsObject();
        Assert.Equal(CiWorkersComponent.PriorityClassName, pod["priorityClassName"]!.GetValue<string>());
        Assert.Equal([PoolRole.Ci], PoolPlacementChecks.SelectedRoles(pod));
        Assert.Equal("4", pod["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());

        var quota = graph.Object("ResourceQuota", CiWorkersComponent.PlaceholderName)["spec"]!;
        Assert.Equal("3", quota["hard"]!["pods"]!.GetValue<string>());
        Assert.Equal("12", quota["hard"]!["requests.cpu"]!.GetValue<string>());
        Assert.Equal("24Gi", quota["hard"]!["requests.memory"]!.GetValue<string>());
        var scope = quota["scopeSelector"]!["matchExpressions"]![0]!;
        Assert.Equal("In", scope["operator"]!.GetValue<string>());
        Assert.Equal([CiWorkersComponent.PriorityClassName], scope["values"].Strings());
    }

    [Fact]
    public void Without_warm_capacity_no_placeholder_runs()
    {
        var graph = Declare();
        Assert.DoesNotContain(graph.Objects("Deployment"), d => d["metadata"]!["name"]!.GetValue<string>() == CiWorkersComponent.PlaceholderName);
        Assert.Empty(graph.Objects("ResourceQuota"));
    }

    [Fact]
    public void Every_object_validates_and_passes_the_policies() =>
        Assert.Empty(TestSchemas.Validator.Validate(Declare(a => a with { WarmCapacity = new WarmCapacityArgs { Placeholders = 2 } }), EnvironmentTier.Production));

    [Fact]
    public void Render_matches_the_golden_file() =>
        Golden.Check("tests/ZcashInfra.Components.Tests/CiWorkers/golden/ci-workers.json",
            GraphJson.Render(Declare(a => a with { WarmCapacity = new WarmCapacityArgs { Placeholders = 2 } })));
}
