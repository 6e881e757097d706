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
        Assert.Equal("StatefulSet", scaler["scaleTargetRef"]!["kind"]!.GetValue<string>());
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
        var workers = Declare().Object("StatefulSet", CiWorkersComponent.WorkerName);

        // The HPA owns the replica count; a value here would fight it on every update.
        Assert.Null(workers["spec"]!["replicas"]);
        Assert.Equal("Parallel", workers["spec"]!["podManagementPolicy"]!.GetValue<string>());
        var pod = workers["spec"]!["template"]!["spec"]!;
        Assert.Equal(5400, pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        var worker = pod["containers"]![0]!;
        Assert.Equal(["/bin/sh", "-c", CiWorkersComponent.DrainScript], worker["lifecycle"]!["preStop"]!["exec"]!["command"].Strings());
        Assert.Contains("shutdown.stamp", CiWorkersComponent.DrainScript, StringComparison.Ordinal);
        Assert.Contains("allow_shutdown=\"file\"", CiWorkersComponent.BuildbotTac, StringComparison.Ordinal);
        Assert.Contains($"basedir = \"{CiWorkersComponent.WorkerDirectory}\"", CiWorkersComponent.BuildbotTac, StringComparison.Ordinal);
        Assert.Equal($"{CiWorkersComponent.TacDirectory}/buildbot.tac", worker["command"]!.AsArray().Last()!.GetValue<string>());
    }

    [Fact]
    public void The_master_declares_one_worker_per_ordinal_the_scaler_can_create()
    {
        var graph = Declare();
        var config = graph.Object("ConfigMap", CiWorkersComponent.MasterConfigName)["data"]!;
        string[] expected = ["buildbot-worker-0", "buildbot-worker-1", "buildbot-worker-2", "buildbot-worker-3", "buildbot-worker-4", "buildbot-worker-5"];
        Assert.Equal(string.Join('\n', expected) + "\n", config["workers.txt"]!.GetValue<string>());
        var snippet = config["workers.py"]!.GetValue<string>();
        Assert.Contains("ZCASH_CI_WORKERS = [" + string.Join(", ", expected.Select(n => $"\"{n}\"")) + "]", snippet, StringComparison.Ordinal);
        Assert.Contains("max_builds=1", snippet, StringComparison.Ordinal);
        Assert.Contains($"os.environ[\"{CiWorkersComponent.MasterPasswordVariable}\"]", snippet, StringComparison.Ordinal);
        Assert.Empty(new BuildbotWorkerNamesPolicy().Check(new PolicyContext(graph, EnvironmentTier.Production)));
    }

    [Fact]
    public void The_master_snippet_runs_and_hands_work_to_the_lowest_ordinal_idle_worker()
    {
        // Run the snippet against stand-ins for buildbot.plugins.worker and the master's objects.
        var program = """
            import os, sys, types
            plugins = types.ModuleType("buildbot.plugins")
            class Worker:
                def __init__(self, name, password, max_builds=None):
                    self.workername, self.password, self.max_builds = name, password, max_builds
            plugins.worker = types.SimpleNamespace(Worker=Worker)
            sys.modules["buildbot"] = types.ModuleType("buildbot")
            sys.modules["buildbot.plugins"] = plugins
            os.environ["BUILDBOT_WORKER_PASSWORD"] = "pw"
            c = {}
            exec(sys.stdin.read())
            assert [w.workername for w in c["workers"]] == ZCASH_CI_WORKERS, c["workers"]
            assert all(w.max_builds == 1 and w.password == "pw" for w in c["workers"])
            wfb = lambda n: types.SimpleNamespace(worker=types.SimpleNamespace(workername=n))
            chosen = zcash_ci_next_worker(None, [wfb("buildbot-worker-10"), wfb("buildbot-worker-2"), wfb("buildbot-worker-5")], None)
            assert chosen.worker.workername == "buildbot-worker-2", chosen
            assert zcash_ci_next_worker(None, [], None) is None
            print(len(c["workers"]))
            """;
        var start = new ProcessStartInfo("python3", ["-c", program]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        python.StandardInput.Write(CiWorkersComponent.MasterConfig(new CiWorkersArgs
        {
            Provider = "p",
            MasterHost = "m",
            Queue = new QueueMetricArgs { ServerAddress = "http://p:9090" },
            MaxWorkers = 11,
        }));
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEnd();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, error);
        Assert.Equal("11", output.Trim());
    }

    [Fact]
    public void Workers_named_after_a_deployments_random_pod_names_or_missing_from_the_masters_list_are_refused()
    {
        var graph = Declare();
        var builder = new GraphBuilder("t");
        foreach (var node in graph.Resources.Where(n => n.Inputs["kind"]?.GetValue<string>() is "StatefulSet" or "ScaledObject"))
        {
            var inputs = node.Inputs.DeepClone().AsObject();
            if (inputs["kind"]!.GetValue<string>() == "StatefulSet")
            {
                builder.Root.Resource(node.Type, "sts", inputs);
                var deployment = inputs.DeepClone().AsObject();
                deployment["kind"] = "Deployment";
                builder.Root.Resource("kubernetes:apps/v1:Deployment", "deployment", deployment);
            }
            else
            {
                builder.Root.Resource(node.Type, "scaler", inputs);
            }
        }

        var findings = new BuildbotWorkerNamesPolicy().Check(new PolicyContext(builder.Build(), EnvironmentTier.Development)).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.ResourcePath == "t/deployment" && f.Message.Contains("random", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.ResourcePath == "t/sts" && f.Message.Contains("buildbot-worker-0 … buildbot-worker-5", StringComparison.Ordinal));
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
        var pod = Declare(a => a with { WorkerPassword = new SecretKeyRef("bb", "pw") }).Object("StatefulSet", CiWorkersComponent.WorkerName)["spec"]!["template"]!["spec"]!.AsObject();
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
