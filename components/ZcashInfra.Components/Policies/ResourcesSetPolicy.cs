using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every container says what it needs: CPU and memory requests (so the scheduler places it where
/// it fits) and a memory limit (so one runaway process cannot take its neighbours' memory).
/// </summary>
public sealed class ResourcesSetPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "resources-set";

    /// <inheritdoc />
    public string Description => "every container has CPU and memory requests and a memory limit";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var pod in Workloads.Pods(context.Graph))
        {
            foreach (var (path, container) in pod.Containers().Where(c => !c.Path.Contains("ephemeralContainers", StringComparison.Ordinal)))
            {
                var resources = container["resources"];
                var missing = new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "memory") }
                    .Where(r => resources?[r.Item1]?[r.Item2] is null)
                    .Select(r => $"{r.Item1}.{r.Item2}")
                    .ToList();
                if (missing.Count > 0)
                {
                    yield return new Finding(Id, pod.Node.Path, $"{path}: resources.{string.Join(", resources.", missing)} not set");
                }
            }
        }
    }
}
