using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.SnapshotAgent;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:ciWorkers</c> — Buildbot workers that scale with the build queue (KEDA), and the CI namespace's quota.</summary>
public sealed record CiWorkerSettings
{
    /// <summary>Run CI workers. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>Fewest workers (0 lets CI scale to nothing at night). Default 0.</summary>
    public int MinWorkers { get; init; }

    /// <summary>Most workers. Default 4.</summary>
    public int MaxWorkers { get; init; } = Defaults.MaxWorkers;

    /// <summary>Worker image. Default docker.io/buildbot/buildbot-worker:v4.3.0.</summary>
    public string Image { get; init; } = Defaults.Image;

    /// <summary>The uid of the image's user (checked non-root by the kubelet). Default 1000, the official image's.</summary>
    public long RunAsUser { get; init; } = Defaults.RunAsUser;

    /// <summary>The Buildbot master the workers connect to.</summary>
    public BuildbotMasterSettings Master { get; init; } = new();

    /// <summary>The Secret (in the CI namespace) with the workers' password.</summary>
    public SecretKeySettings WorkerSecret { get; init; } = new() { Name = Defaults.WorkerPassword.Name, Key = Defaults.WorkerPassword.Key };

    /// <summary>What each worker requests.</summary>
    public ResourceSettings Resources { get; init; } = new() { Cpu = Defaults.Resources.Cpu, Memory = Defaults.Resources.Memory };

    /// <summary>How often KEDA reads the metric, in seconds. Default 30.</summary>
    public int PollingIntervalSeconds { get; init; } = Defaults.PollingIntervalSeconds;

    /// <summary>Seconds of an empty queue before the last worker goes. Default 300.</summary>
    public int CooldownSeconds { get; init; } = Defaults.CooldownSeconds;

    /// <summary>Seconds of lower demand before workers are removed (scale-down stabilization window). Default 600.</summary>
    public int ScaleDownStabilizationSeconds { get; init; } = Defaults.ScaleDownStabilizationSeconds;

    /// <summary>How long a worker being removed may take to finish its build. Default 3600.</summary>
    public int DrainTimeoutSeconds { get; init; } = Defaults.DrainTimeoutSeconds;

    /// <summary>The Prometheus metric the workers scale on.</summary>
    public QueueMetricSettings Queue { get; init; } = new();

    /// <summary>KEDA, the workers' autoscaler: installed by this stack or already running in the cluster.</summary>
    public KedaSettings Keda { get; init; } = new();

    /// <summary>Placeholder pods that keep CI nodes running, so a burst of builds starts at once.</summary>
    public WarmCapacitySettings WarmCapacity { get; init; } = new();

    /// <summary>The CI namespace's quota (also when only Tekton is enabled).</summary>
    public CiQuotaSettings Quota { get; init; } = new();

    private static CiWorkersArgs Defaults { get; } = new() { Provider = string.Empty, MasterHost = string.Empty, Queue = new QueueMetricArgs { ServerAddress = string.Empty } };

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        errors.AtLeast(MinWorkers, 0, path["minWorkers"]);
        errors.Require(MaxWorkers >= Math.Max(1, MinWorkers), path["maxWorkers"], $"must be ≥ max(1, minWorkers = {MinWorkers}), got {MaxWorkers}");
        errors.Require(SnapshotAgentImage.IsPinned(Image ?? string.Empty), path["image"], $"must be pinned by tag or digest (not :latest), got '{Image}'");
        errors.AtLeast(RunAsUser, 1, path["runAsUser"]);
        Master.Validate(path["master"], Enabled, errors);
        WorkerSecret.Validate(path["workerSecret"], errors);
        Resources.Validate(path["resources"], errors);
        errors.AtLeast(PollingIntervalSeconds, 1, path["pollingIntervalSeconds"]);
        errors.AtLeast(CooldownSeconds, 0, path["cooldownSeconds"]);
        errors.AtLeast(ScaleDownStabilizationSeconds, 0, path["scaleDownStabilizationSeconds"]);
        errors.AtLeast(DrainTimeoutSeconds, 30, path["drainTimeoutSeconds"]);
        Queue.Validate(path["queue"], Enabled, errors);
        Keda.Validate(path["keda"], errors);
        WarmCapacity.Validate(path["warmCapacity"], errors);
        Quota.Validate(path["quota"], errors);
        ValidateQuotaCoversWorkers(path, stack, errors);
    }

    /// <summary>The quota must admit every worker at once plus one Tekton build, or scaling up stalls at admission.</summary>
    private void ValidateQuotaCoversWorkers(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        const decimal Gi = 1024m * 1024 * 1024;
        foreach (var (key, quota, worker, build, show) in new (string, string, string, string, Func<decimal, string>)[]
        {
            ("requestsCpu", Quota.RequestsCpu, Resources.Cpu, stack.Tekton.BuildResources.Cpu, v => Quantity.Format(v)),
            ("requestsMemory", Quota.RequestsMemory, Resources.Memory, stack.Tekton.BuildResources.Memory, v => Quantity.Format(v / Gi) + "Gi"),
        })
        {
            if (Quantity.Parse(quota) is not { } total || Quantity.Parse(worker) is not { } perWorker || Quantity.Parse(build) is not { } perBuild)
            {
                continue; // reported by the quantity checks
            }

            var needed = (Enabled ? MaxWorkers * perWorker : 0) + (stack.Tekton.Enabled ? perBuild : 0);
            if (total < needed)
            {
                var parts = new List<string>();
                if (Enabled)
                {
                    parts.Add($"maxWorkers {MaxWorkers} × {worker}");
                }

                if (stack.Tekton.Enabled)
                {
                    parts.Add($"one Tekton build of {build}");
                }

                errors.Add(path["quota"][key], $"must be ≥ {show(needed)} ({string.Join(" + ", parts)}), got {quota}");
            }
        }
    }
}
