using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:ciWorkers.quota</c> — the most the CI namespace may request at once, so a runaway
/// pipeline cannot starve the cluster. Applies whenever the CI namespace exists.
/// </summary>
public sealed record CiQuotaSettings
{
    /// <summary>Total CPU requests. Default 64.</summary>
    public string RequestsCpu { get; init; } = "64";

    /// <summary>Total memory requests. Default 256Gi.</summary>
    public string RequestsMemory { get; init; } = "256Gi";

    /// <summary>Pods. Default 100.</summary>
    public int Pods { get; init; } = 100;

    /// <summary>Volume claims (every run makes one). Default 40.</summary>
    public int PersistentVolumeClaims { get; init; } = 40;

    /// <summary>Total storage requested by claims. Default 4Ti.</summary>
    public string RequestsStorage { get; init; } = "4Ti";

    /// <summary>The component-side value.</summary>
    public CiQuota ToArgs() => new(RequestsCpu, RequestsMemory, Pods, PersistentVolumeClaims, RequestsStorage);

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value) in new[] { ("requestsCpu", RequestsCpu), ("requestsMemory", RequestsMemory), ("requestsStorage", RequestsStorage) })
        {
            errors.Require(Quantity.Parse(value) is > 0, path[key], Quantity.Rule(value));
        }

        errors.AtLeast(Pods, 1, path["pods"]);
        errors.AtLeast(PersistentVolumeClaims, 1, path["persistentVolumeClaims"]);
    }
}
