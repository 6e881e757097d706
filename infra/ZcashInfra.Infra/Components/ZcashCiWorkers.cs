using Pulumi;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Infra.Binding;
using CiWorkersComponent = ZcashInfra.Components.CiWorkers.CiWorkers;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashCiWorkers"/> (the same decisions as <see cref="CiWorkersArgs"/>).</summary>
public sealed class ZcashCiWorkersArgs
{
    /// <summary>The Buildbot master's host. Required.</summary>
    public required string MasterHost { get; init; }

    /// <summary>Prometheus' address, e.g. http://prometheus.monitoring:9090. Required.</summary>
    public required string PrometheusAddress { get; init; }

    /// <summary>The Kubernetes provider. Default: the program's default provider.</summary>
    public ProviderResource? Provider { get; init; }

    /// <summary>The PromQL query of build demand. Default <see cref="QueueMetricArgs.DefaultQuery"/>.</summary>
    public string Query { get; init; } = QueueMetricArgs.DefaultQuery;

    /// <summary>Fewest workers. Default 0.</summary>
    public int MinWorkers { get; init; }

    /// <summary>Most workers. Default 4.</summary>
    public int MaxWorkers { get; init; } = 4;

    /// <summary>Warm placeholders. Default 0.</summary>
    public int Placeholders { get; init; }

    /// <summary>Install KEDA (false: the cluster runs it already). Default true.</summary>
    public bool InstallKeda { get; init; } = true;

    /// <summary>Resources the workers wait for (the CI namespace). Default none.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];
}

/// <summary>
/// Autoscaled Buildbot workers as a reusable Pulumi component (<c>zcash-infra:index:CiWorkers</c>):
/// a StatefulSet (stable worker names) scaled by KEDA on build demand, draining before removal, with optional warm capacity.
/// </summary>
public sealed class ZcashCiWorkers : GraphComponentResource
{
    /// <summary>Declares the workers and their children.</summary>
    public ZcashCiWorkers(string name, ZcashCiWorkersArgs args, ComponentResourceOptions? options = null)
        : base(CiWorkersComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var dependencies = fragment.Dependencies(args.DependsOn);
        var outputs = CiWorkersComponent.Declare(fragment.Root, name, new CiWorkersArgs
        {
            Provider = provider,
            MasterHost = args.MasterHost,
            Queue = new QueueMetricArgs { ServerAddress = args.PrometheusAddress, Query = args.Query },
            MinWorkers = args.MinWorkers,
            MaxWorkers = args.MaxWorkers,
            WarmCapacity = new WarmCapacityArgs { Placeholders = args.Placeholders },
            Keda = new KedaArgs { Install = args.InstallKeda },
            DependsOn = dependencies,
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        StatefulSetName = bound.Describing(outputs.StatefulSet);
        MinWorkers = bound.Describing(args.MinWorkers);
        MaxWorkers = bound.Describing(args.MaxWorkers);
        Complete(new Dictionary<string, object?>
        {
            ["statefulSet"] = StatefulSetName,
            ["minWorkers"] = MinWorkers,
            ["maxWorkers"] = MaxWorkers,
        });
    }

    /// <summary>The workers' StatefulSet as namespace/name.</summary>
    [Output("statefulSet")]
    public Output<string> StatefulSetName { get; private set; }

    /// <summary>Fewest workers.</summary>
    [Output("minWorkers")]
    public Output<int> MinWorkers { get; private set; }

    /// <summary>Most workers.</summary>
    [Output("maxWorkers")]
    public Output<int> MaxWorkers { get; private set; }
}
