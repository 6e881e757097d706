using System.Collections.Immutable;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.CiWorkers;

/// <summary>Arguments of <see cref="CiWorkersComponent"/>: Buildbot workers scaled by KEDA on the build queue.</summary>
public sealed record CiWorkersArgs
{
    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The Buildbot master's host name, as workers reach it. Required.</summary>
    public required string MasterHost { get; init; }

    /// <summary>The Prometheus metric the workers scale on. Required.</summary>
    public required QueueMetricArgs Queue { get; init; }

    /// <summary>Graph paths everything here depends on (the CI namespace). Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>The master's worker port. Default 9989.</summary>
    public int MasterPort { get; init; } = 9989;

    /// <summary>Worker image. Default docker.io/buildbot/buildbot-worker:v4.3.0.</summary>
    public string Image { get; init; } = "docker.io/buildbot/buildbot-worker:v4.3.0";

    /// <summary>The uid the image's user has (the official image's buildbot user is 1000). Default 1000.</summary>
    public long RunAsUser { get; init; } = 1000;

    /// <summary>The Secret key holding the workers' password, in the CI namespace. Default buildbot-worker/password.</summary>
    public SecretKeyRef WorkerPassword { get; init; } = new("buildbot-worker", "password");

    /// <summary>What each worker requests. Default 2 CPU, 4Gi.</summary>
    public ComputeResources Resources { get; init; } = new("2", "4Gi");

    /// <summary>Fewest workers (0 scales to nothing when the queue is empty). Default 0.</summary>
    public int MinWorkers { get; init; }

    /// <summary>Most workers. Default 4.</summary>
    public int MaxWorkers { get; init; } = 4;

    /// <summary>How often KEDA reads the metric, in seconds. Default 30.</summary>
    public int PollingIntervalSeconds { get; init; } = 30;

    /// <summary>Seconds the queue must stay empty before the last worker goes (scaling to zero). Default 300.</summary>
    public int CooldownSeconds { get; init; } = 300;

    /// <summary>Seconds of lower demand before workers are removed, one a minute. Default 600.</summary>
    public int ScaleDownStabilizationSeconds { get; init; } = 600;

    /// <summary>How long a worker being removed may take to finish its build. Default 3600.</summary>
    public int DrainTimeoutSeconds { get; init; } = 3600;

    /// <summary>Install KEDA from its release manifest (false: the cluster already runs it). Default install v2.19.0.</summary>
    public KedaArgs Keda { get; init; } = new();

    /// <summary>Warm capacity: low-priority placeholder pods real pods preempt. Default none.</summary>
    public WarmCapacityArgs WarmCapacity { get; init; } = new();
}

/// <summary>The metric the workers scale on: Buildbot's build demand, from Prometheus.</summary>
public sealed record QueueMetricArgs
{
    /// <summary>
    /// The default query: builds waiting plus builds running, so a busy worker is never counted as
    /// spare. The metric names must match the master's Prometheus exporter.
    /// </summary>
    public const string DefaultQuery = "sum(buildbot_build_requests_pending) + sum(buildbot_builds_running)";

    /// <summary>Prometheus' address, e.g. http://prometheus.monitoring:9090. Required.</summary>
    public required string ServerAddress { get; init; }

    /// <summary>The PromQL query. Default <see cref="DefaultQuery"/>.</summary>
    public string Query { get; init; } = DefaultQuery;

    /// <summary>Builds per worker: the target value of the query per replica. Default 1.</summary>
    public string Threshold { get; init; } = "1";
}

/// <summary>KEDA: installed here, or already in the cluster.</summary>
public sealed record KedaArgs
{
    /// <summary>Install KEDA. Default true.</summary>
    public bool Install { get; init; } = true;

    /// <summary>The release installed. Default <see cref="KedaReleases.DefaultVersion"/>.</summary>
    public string Version { get; init; } = KedaReleases.DefaultVersion;
}

/// <summary>Placeholder pods that keep CI nodes warm.</summary>
public sealed record WarmCapacityArgs
{
    /// <summary>How many placeholders. Default 0.</summary>
    public int Placeholders { get; init; }

    /// <summary>What each placeholder holds (size it like a worker or a build). Default 2 CPU, 4Gi.</summary>
    public ComputeResources Size { get; init; } = new("2", "4Gi");
}

/// <summary>What the workers give the stack.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="StatefulSet">The workers' StatefulSet as <c>namespace/name</c>.</param>
/// <param name="PriorityClass">The placeholders' PriorityClass (a quota counts them apart from real work).</param>
/// <param name="WorkerNames">The names the master must declare: one per ordinal below maxWorkers.</param>
public sealed record CiWorkersOutputs(string ComponentPath, string StatefulSet, string PriorityClass, IReadOnlyList<string> WorkerNames);
