using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Components.CiWorkers;

/// <summary>
/// Buildbot workers that follow the build queue: a StatefulSet on the CI pool scaled by a KEDA
/// ScaledObject on a Prometheus metric (to zero when idle), whose pods finish their build before
/// a scale-down removes them; the master-side worker list those pods log in as; KEDA itself when
/// the cluster lacks it; and warm capacity, placeholder pods below every real workload's priority
/// that keep CI nodes running for a burst.
/// </summary>
/// <remarks>
/// Why a StatefulSet: Buildbot's PB manager accepts only worker names the master has registered
/// (buildbot <c>master/buildbot/worker/protocols/manager/pb.py</c>, <c>requestAvatarId</c>), and a
/// Deployment's pods have random names. A StatefulSet's pods are <c>buildbot-worker-&lt;ordinal&gt;</c>,
/// ordinals 0 to replicas − 1, so the master can declare every name up to <c>maxWorkers</c> once
/// (<see cref="MasterConfig"/>). A scale-down removes the highest ordinals, which the rendered
/// <c>nextWorker</c> keeps the least busy.
/// </remarks>
public static class CiWorkersComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:CiWorkers";

    /// <summary>The workers' StatefulSet (and ScaledObject, ConfigMap); pods are <c>buildbot-worker-&lt;ordinal&gt;</c>.</summary>
    public const string WorkerName = "buildbot-worker";

    /// <summary>The ConfigMap with the master-side worker list and configuration snippet.</summary>
    public const string MasterConfigName = "buildbot-master-workers";

    /// <summary>The environment variable the master's snippet reads the workers' password from.</summary>
    public const string MasterPasswordVariable = "BUILDBOT_WORKER_PASSWORD";

    /// <summary>The placeholders' Deployment.</summary>
    public const string PlaceholderName = "ci-warm-capacity";

    /// <summary>The placeholders' PriorityClass: below the default (0) every real pod has, and never preempting.</summary>
    public const string PriorityClassName = "zcash-ci-warm-capacity";

    /// <summary>The placeholders' priority.</summary>
    public const int PlaceholderPriority = -10;

    /// <summary>The placeholders' image: does nothing, holds resources.</summary>
    public const string PauseImage = "registry.k8s.io/pause:3.10";

    /// <summary>The pause image's own user.</summary>
    public const long PauseUser = 65535;

    /// <summary>The worker's base directory (an emptyDir: each worker starts clean).</summary>
    public const string WorkerDirectory = "/buildbot-work";

    /// <summary>Where the worker's twistd application file is mounted.</summary>
    public const string TacDirectory = "/etc/buildbot-worker";

    /// <summary>
    /// The worker's application file. Like the image's own, but with <c>allow_shutdown = 'file'</c>:
    /// touching <c>shutdown.stamp</c> asks the master for a graceful shutdown, which it grants once
    /// the current build is done. The password is removed from the environment builds see.
    /// </summary>
    public const string BuildbotTac = """
        import os
        import sys

        from twisted.application import service
        from twisted.python.log import FileLogObserver
        from twisted.python.log import ILogObserver

        from buildbot_worker.bot import Worker

        basedir = "/buildbot-work"
        application = service.Application("buildbot-worker")
        application.setComponent(ILogObserver, FileLogObserver(sys.stdout).emit)

        buildmaster_host = os.environ["BUILDMASTER"]
        port = int(os.environ["BUILDMASTER_PORT"])
        workername = os.environ["WORKERNAME"]
        passwd = os.environ.pop("WORKERPASS")

        s = Worker(buildmaster_host, port, workername, passwd, basedir, 600,
                   umask=None, maxdelay=300, allow_shutdown="file", maxRetries=10)
        s.setServiceParent(application)
        """;

    /// <summary>
    /// preStop: request the graceful shutdown, then wait while the worker (PID 1's tree) lives; the
    /// termination grace period bounds the wait.
    /// </summary>
    public const string DrainScript = "touch /buildbot-work/shutdown.stamp; while kill -0 1 2>/dev/null; do sleep 5; done";

    /// <summary>Declares the workers under <paramref name="scope"/>.</summary>
    public static CiWorkersOutputs Declare(GraphScope scope, string name, CiWorkersArgs args)
    {
        var component = scope.Component(Type, name);
        var ns = Namespaces.Ci;
        var options = new NodeOptions { DependsOn = args.DependsOn };
        string K8s(string logical, JsonObject manifest, NodeOptions? o = null) =>
            KubernetesObjects.Declare(component, $"{name}-{logical}", manifest, args.Provider, o ?? options);

        string? keda = null;
        if (args.Keda.Install)
        {
            keda = component.RemoteComponent("kubernetes:yaml/v2:ConfigFile", $"{name}-keda",
                new JsonObject { ["file"] = KedaReleases.Manifest(args.Keda.Version) }, new NodeOptions { Provider = args.Provider });
        }

        var tac = K8s("tac", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = KubernetesObjects.Metadata(WorkerName, ns, WorkerName, name),
            ["data"] = new JsonObject { ["buildbot.tac"] = BuildbotTac },
        });
        K8s("master-config", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = KubernetesObjects.Metadata(MasterConfigName, ns, WorkerName, name),
            ["data"] = new JsonObject
            {
                ["workers.txt"] = string.Join('\n', WorkerNames(args.MaxWorkers)) + "\n",
                ["workers.py"] = MasterConfig(args),
            },
        });

        // `up` waits for the StatefulSet controller to take the spec, not for workers: KEDA owns
        // their number and they come with the queue. A delete waits for running builds to drain.
        var statefulSet = K8s("statefulset", AwaitBehaviour.UntilControllerObserved(WorkerStatefulSet(ns, name, args)), options with
        {
            DependsOn = [.. args.DependsOn, tac],
            CustomTimeouts = AwaitBehaviour.DeleteWithin(args.DrainTimeoutSeconds, TimeSpan.FromMinutes(5)),
        });
        K8s("scaler", ScaledObject(ns, name, args), options with { DependsOn = keda is null ? [.. args.DependsOn, statefulSet] : [.. args.DependsOn, statefulSet, keda] });

        var priority = K8s("priority-class", new JsonObject
        {
            ["apiVersion"] = "scheduling.k8s.io/v1",
            ["kind"] = "PriorityClass",
            ["metadata"] = KubernetesObjects.Metadata(PriorityClassName, null, PlaceholderName, name),
            ["value"] = PlaceholderPriority,
            ["globalDefault"] = false,
            ["preemptionPolicy"] = "Never",
            ["description"] = "Placeholder pods that keep CI nodes warm; every real pod preempts them.",
        });
        if (args.WarmCapacity.Placeholders > 0)
        {
            var quota = K8s("warm-capacity-quota", PlaceholderQuota(ns, name, args.WarmCapacity));
            // Placeholders hold capacity on nodes that may first have to be provisioned (spot, from
            // zero): nothing in `up` depends on them running.
            K8s("warm-capacity", AwaitBehaviour.UntilControllerObserved(Placeholders(ns, name, args.WarmCapacity)), options with
            {
                DependsOn = [.. args.DependsOn, priority, quota],
                CustomTimeouts = AwaitBehaviour.DeleteWithin(0, TimeSpan.FromMinutes(5)),
            });
        }

        var outputs = new CiWorkersOutputs(component.Path!, $"{ns}/{WorkerName}", PriorityClassName, WorkerNames(args.MaxWorkers));
        component.Output("statefulSet", outputs.StatefulSet);
        component.Output("workerNames", new JsonArray([.. outputs.WorkerNames.Select(n => (JsonNode)n)]));
        component.Output("minWorkers", args.MinWorkers);
        component.Output("maxWorkers", args.MaxWorkers);
        return outputs;
    }

    /// <summary>The names the StatefulSet's pods log in as, one per ordinal below <paramref name="maxWorkers"/>.</summary>
    public static IReadOnlyList<string> WorkerNames(int maxWorkers) => [.. Enumerable.Range(0, maxWorkers).Select(i => $"{WorkerName}-{i}")];

    /// <summary>
    /// The master side, as a Python snippet for <c>master.cfg</c>: one <c>worker.Worker</c> per name,
    /// one build at a time (the scaler counts one worker per build), and a <c>nextWorker</c> that
    /// gives work to the lowest ordinal idle worker, so the highest ordinals — the ones a
    /// StatefulSet scale-down removes first — are the ones most likely idle.
    /// </summary>
    public static string MasterConfig(CiWorkersArgs args)
    {
        var names = string.Join(", ", WorkerNames(args.MaxWorkers).Select(n => $"\"{n}\""));
        return $$"""
            # Buildbot master configuration for the CI workers rendered by zcash-infra (edit the stack
            # settings, not this). StatefulSet {{Namespaces.Ci}}/{{WorkerName}} runs 0 to {{args.MaxWorkers}} pods named
            # {{WorkerName}}-<ordinal>; each logs in to port {{args.MasterPort}} as its pod name with the password in
            # Secret {{Namespaces.Ci}}/{{args.WorkerPassword.Name}} (key {{args.WorkerPassword.Key}}), which the master reads from ${{MasterPasswordVariable}}.
            # In master.cfg, after `c = BuildmasterConfig = {}`:
            #     exec(open("/etc/zcash-infra/workers.py").read())
            # and give every builder that runs on these workers
            #     workernames=ZCASH_CI_WORKERS, nextWorker=zcash_ci_next_worker
            import os

            from buildbot.plugins import worker

            ZCASH_CI_WORKERS = [{{names}}]

            c.setdefault("workers", []).extend(
                worker.Worker(name, os.environ["{{MasterPasswordVariable}}"], max_builds=1) for name in ZCASH_CI_WORKERS
            )


            def zcash_ci_next_worker(builder, workers, buildrequest):
                # Lowest ordinal first: a scale-down removes the highest ordinals.
                return min(workers, key=lambda w: int(w.worker.workername.rsplit("-", 1)[1]), default=None)

            """;
    }

    private static JsonObject WorkerStatefulSet(string ns, string instance, CiWorkersArgs args)
    {
        var selector = new JsonObject { [RecommendedLabels.Name] = WorkerName, [RecommendedLabels.Instance] = instance };
        var container = new JsonObject
        {
            ["name"] = "worker",
            ["image"] = args.Image,
            ["command"] = new JsonArray("/usr/bin/dumb-init", "twistd", "--pidfile=", "-ny", $"{TacDirectory}/buildbot.tac"),
            ["env"] = new JsonArray(
                Env("BUILDMASTER", args.MasterHost),
                Env("BUILDMASTER_PORT", args.MasterPort.ToString(CultureInfo.InvariantCulture)),
                new JsonObject
                {
                    ["name"] = "WORKERNAME",
                    ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } },
                },
                new JsonObject
                {
                    ["name"] = "WORKERPASS",
                    ["valueFrom"] = new JsonObject
                    {
                        ["secretKeyRef"] = new JsonObject { ["name"] = args.WorkerPassword.Name, ["key"] = args.WorkerPassword.Key },
                    },
                },
                Env("HOME", WorkerDirectory)),
            ["resources"] = PodSecurity.Resources(args.Resources.Cpu, args.Resources.Memory),
            ["securityContext"] = PodSecurity.Container(),
            ["lifecycle"] = new JsonObject
            {
                ["preStop"] = new JsonObject { ["exec"] = new JsonObject { ["command"] = new JsonArray("/bin/sh", "-c", DrainScript) } },
            },
            ["volumeMounts"] = new JsonArray(
                new JsonObject { ["name"] = "tac", ["mountPath"] = TacDirectory, ["readOnly"] = true },
                new JsonObject { ["name"] = "work", ["mountPath"] = WorkerDirectory },
                new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" }),
        };
        var pod = CiPlacement.Work(new JsonObject
        {
            ["securityContext"] = PodSecurity.Pod(args.RunAsUser, fsGroup: args.RunAsUser),
            ["terminationGracePeriodSeconds"] = args.DrainTimeoutSeconds,
            ["automountServiceAccountToken"] = false,
            ["enableServiceLinks"] = false,
            ["containers"] = new JsonArray(container),
            ["volumes"] = new JsonArray(
                new JsonObject { ["name"] = "tac", ["configMap"] = new JsonObject { ["name"] = WorkerName } },
                new JsonObject { ["name"] = "work", ["emptyDir"] = new JsonObject() },
                new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() }),
        });

        // No replicas: KEDA's HPA owns the count, and a value here would fight it on every update.
        // Parallel: workers start and stop independently (OrderedReady would hold a scale-down
        // behind each draining worker in turn); a scale-down still removes the highest ordinals.
        // serviceName names no Service: workers connect out and need no DNS of their own.
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = KubernetesObjects.Metadata(WorkerName, ns, WorkerName, instance),
            ["spec"] = new JsonObject
            {
                ["serviceName"] = WorkerName,
                ["podManagementPolicy"] = "Parallel",
                ["selector"] = new JsonObject { ["matchLabels"] = selector },
                ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate" },
                ["revisionHistoryLimit"] = 3,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = selector.DeepClone() },
                    ["spec"] = pod,
                },
            },
        };
    }

    private static JsonObject ScaledObject(string ns, string instance, CiWorkersArgs args) => new()
    {
        ["apiVersion"] = "keda.sh/v1alpha1",
        ["kind"] = "ScaledObject",
        ["metadata"] = KubernetesObjects.Metadata(WorkerName, ns, WorkerName, instance),
        ["spec"] = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet", ["name"] = WorkerName },
            ["minReplicaCount"] = args.MinWorkers,
            ["maxReplicaCount"] = args.MaxWorkers,
            ["pollingInterval"] = args.PollingIntervalSeconds,
            ["cooldownPeriod"] = args.CooldownSeconds,
            ["advanced"] = new JsonObject
            {
                ["restoreToOriginalReplicaCount"] = false,
                ["horizontalPodAutoscalerConfig"] = new JsonObject
                {
                    ["behavior"] = new JsonObject
                    {
                        // Demand must stay lower for the whole window, then workers go one a minute,
                        // each draining its build first.
                        ["scaleDown"] = new JsonObject
                        {
                            ["stabilizationWindowSeconds"] = args.ScaleDownStabilizationSeconds,
                            ["policies"] = new JsonArray(new JsonObject { ["type"] = "Pods", ["value"] = 1, ["periodSeconds"] = 60 }),
                        },
                    },
                },
            },
            ["triggers"] = new JsonArray(new JsonObject
            {
                ["type"] = "prometheus",
                ["name"] = "build-demand",
                ["metricType"] = "AverageValue",
                ["metadata"] = new JsonObject
                {
                    ["serverAddress"] = args.Queue.ServerAddress,
                    ["query"] = args.Queue.Query,
                    ["threshold"] = args.Queue.Threshold,
                },
            }),
        },
    };

    private static JsonObject Placeholders(string ns, string instance, WarmCapacityArgs warm)
    {
        var selector = new JsonObject { [RecommendedLabels.Name] = PlaceholderName, [RecommendedLabels.Instance] = instance };
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = KubernetesObjects.Metadata(PlaceholderName, ns, PlaceholderName, instance),
            ["spec"] = new JsonObject
            {
                ["replicas"] = warm.Placeholders,
                ["selector"] = new JsonObject { ["matchLabels"] = selector },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = selector.DeepClone() },
                    ["spec"] = CiPlacement.Work(new JsonObject
                    {
                        ["priorityClassName"] = PriorityClassName,
                        ["terminationGracePeriodSeconds"] = 0,
                        ["automountServiceAccountToken"] = false,
                        ["enableServiceLinks"] = false,
                        ["securityContext"] = PodSecurity.Pod(PauseUser),
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "placeholder",
                            ["image"] = PauseImage,
                            ["resources"] = PodSecurity.Resources(warm.Size.Cpu, warm.Size.Memory),
                            ["securityContext"] = PodSecurity.Container(),
                        }),
                    }),
                },
            },
        };
    }

    /// <summary>
    /// The placeholders' own quota. The CI quota leaves them out (see <see cref="CiNamespaceLimits"/>):
    /// quota is checked when a pod is created, before preemption, so placeholders counted there would
    /// keep real pods from being created instead of making room for them.
    /// </summary>
    private static JsonObject PlaceholderQuota(string ns, string instance, WarmCapacityArgs warm) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ResourceQuota",
        ["metadata"] = KubernetesObjects.Metadata(PlaceholderName, ns, PlaceholderName, instance),
        ["spec"] = new JsonObject
        {
            ["hard"] = new JsonObject
            {
                ["pods"] = warm.Placeholders.ToString(CultureInfo.InvariantCulture),
                ["requests.cpu"] = Quantity.Multiply(warm.Size.Cpu, warm.Placeholders),
                ["requests.memory"] = Quantity.Multiply(warm.Size.Memory, warm.Placeholders),
            },
            ["scopeSelector"] = new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject
                {
                    ["scopeName"] = "PriorityClass",
                    ["operator"] = "In",
                    ["values"] = new JsonArray(PriorityClassName),
                }),
            },
        },
    };

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
