using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Long-running containers that serve a port say when they are ready and when they are stuck
/// (readiness and liveness probes); stateful ones also say when they have started (a startup
/// probe), so a slow start — opening a large database — is never mistaken for a hang.
/// </summary>
public sealed class ProbesPresentPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "probes-present";

    /// <inheritdoc />
    public string Description => "serving containers of long-running workloads have readiness and liveness probes (StatefulSets also a startup probe)";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var pod in Workloads.Pods(context.Graph).Where(p => Workloads.LongRunningKinds.Contains(p.Kind)))
        {
            foreach (var (path, container) in pod.MainContainers().Where(c => c.Container["ports"] is not null))
            {
                var required = pod.Kind == "StatefulSet"
                    ? new[] { "startupProbe", "readinessProbe", "livenessProbe" }
                    : ["readinessProbe", "livenessProbe"];
                var missing = required.Where(p => container[p] is null).ToList();
                if (missing.Count > 0)
                {
                    yield return new Finding(Id, pod.Node.Path, $"{path}: no {string.Join(", no ", missing)}");
                }
            }
        }
    }
}
