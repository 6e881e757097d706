namespace ZcashInfra.Cluster.Pods;

/// <summary>What one pod is doing, read from its status.</summary>
/// <param name="Name">The pod.</param>
/// <param name="Phase">status.phase (Pending, Running, …).</param>
/// <param name="Ready">The Ready condition is True.</param>
/// <param name="Restarts">Restarts of its containers (init containers included).</param>
/// <param name="Restoring">Its restore init container is running.</param>
/// <param name="Failure">Why it cannot become ready without someone acting, or null.</param>
/// <param name="Waiting">Why it is not ready yet when that is expected to pass (scheduling, a container starting), or null.</param>
/// <param name="Claims">The PersistentVolumeClaims its volumes name.</param>
public sealed record PodState(string Name, string Phase, bool Ready, int Restarts, bool Restoring, string? Failure, string? Waiting, IReadOnlyList<string> Claims);
