using System.Globalization;
using ZcashInfra.Components.CiWorkers;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:ciWorkers.queue</c> — the Prometheus metric of build demand KEDA scales the workers on.</summary>
public sealed record QueueMetricSettings
{
    /// <summary>Prometheus' address, e.g. http://prometheus.monitoring:9090. Required when ciWorkers is enabled.</summary>
    public string? ServerAddress { get; init; }

    /// <summary>The PromQL query: builds waiting plus running.</summary>
    public string Query { get; init; } = QueueMetricArgs.DefaultQuery;

    /// <summary>Builds per worker (the query's target value per replica). Default 1.</summary>
    public double Threshold { get; init; } = 1;

    /// <summary>The component-side value (the address must have been validated).</summary>
    public QueueMetricArgs ToArgs() => new()
    {
        ServerAddress = ServerAddress ?? throw new InvalidOperationException("queue.serverAddress was not validated"),
        Query = Query,
        Threshold = Threshold.ToString(CultureInfo.InvariantCulture),
    };

    internal void Validate(SettingsPath path, bool scaling, SettingsErrors errors)
    {
        if (ServerAddress is null)
        {
            errors.Require(!scaling, path["serverAddress"], "is required when ciWorkers is enabled: KEDA scales the workers on this Prometheus");
        }
        else
        {
            errors.Require(Uri.TryCreate(ServerAddress, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", path["serverAddress"],
                $"must be an absolute http or https URL, got '{ServerAddress}'");
        }

        errors.NotBlank(Query, path["query"]);
        errors.Require(Threshold > 0, path["threshold"], $"must be > 0, got {Threshold.ToString(CultureInfo.InvariantCulture)}");
    }
}
