using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Components.CiWorkers;

/// <summary>
/// Buildbot workers that follow the build queue: a Deployment on the CI pool scaled by a KEDA
/// ScaledObject on a Prometheus metric (to zero when idle), whose pods finish their build before
/// a scale-down removes them; KEDA itself when the cluster lacks it; and warm capacity, placeholder
/// pods below every real workload's priority that keep CI nodes running for a burst.
/// </summary>
public static class CiWorkers
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:CiWorkers";

    /// <summary>The workers' Deployment (and ScaledObject, ConfigMap).</summary>
    public const string WorkerName = "buildbot-worker";

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
        // `up` waits for the Deployment controller to take the spec, not for workers: KEDA owns
        // their number and they come with the queue. A delete waits for running builds to drain.
        var deployment = K8s("deployment", AwaitBehaviour.UntilControllerObserved(WorkerDeployment(ns, name, args)), options with
        {
            DependsOn = [.. args.DependsOn, tac],
            CustomTimeouts = AwaitBehaviour.DeleteWithin(args.DrainTimeoutSeconds, TimeSpan.FromMinutes(5)),
        });
        K8s("scaler", ScaledObject(ns, name, args), options with { DependsOn = keda is null ? [.. args.DependsOn, deployment] : [.. args.DependsOn, deployment, keda] });

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

        var outputs = new CiWorkersOutputs(component.Path!, $"{ns}/{WorkerName}", PriorityClassName);
        component.Output("deployment", outputs.Deployment);
        component.Output("minWorkers", args.MinWorkers);
        component.Output("maxWorkers", args.MaxWorkers);
        return outputs;
    }

    private static JsonObject WorkerDeployment(string ns, string instance, CiWorkersArgs args)
    {
        var selector = new JsonObject { ["app.kubernetes.io/name"] = WorkerName, ["app.kubernetes.io/instance"] = instance };
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
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = KubernetesObjects.Metadata(WorkerName, ns, WorkerName, instance),
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = selector },
                ["strategy"] = new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
                },
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
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = WorkerName },
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
        var selector = new JsonObject { ["app.kubernetes.io/name"] = PlaceholderName, ["app.kubernetes.io/instance"] = instance };
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
