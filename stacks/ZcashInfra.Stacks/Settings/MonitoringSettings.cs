namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:monitoring</c> — how node sets with <c>monitoring: true</c> meet the cluster's
/// Prometheus. The stack does not install the Prometheus Operator: its CRDs are a cluster
/// prerequisite that <c>validate</c> lists. A Prometheus picks up only the ServiceMonitors its
/// <c>serviceMonitorSelector</c> matches (kube-prometheus-stack matches <c>release: &lt;its release name&gt;</c>
/// by default), so the labels it selects on are set here.
/// </summary>
public sealed record MonitoringSettings
{
    /// <summary>Labels added to every ServiceMonitor, e.g. <c>release: kube-prometheus-stack</c>.</summary>
    public IReadOnlyDictionary<string, string> ServiceMonitorLabels { get; init; } = new Dictionary<string, string>();

    internal void Validate(SettingsPath path, SettingsErrors errors) =>
        KubernetesLabels.Validate(ServiceMonitorLabels, path["serviceMonitorLabels"], errors);
}
