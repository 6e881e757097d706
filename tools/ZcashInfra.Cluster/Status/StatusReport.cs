namespace ZcashInfra.Cluster.Status;

/// <summary>A stack's health as seen now; a section that could not be read carries the reason instead.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Cluster">The cluster it was read from (context and server).</param>
/// <param name="NodeSets">Per node set.</param>
/// <param name="Cuts">Per snapshot cut.</param>
/// <param name="Workers">The CI workers, when the stack has them.</param>
public sealed record StatusReport(string Stack, string Cluster, IReadOnlyList<NodeSetReport> NodeSets, IReadOnlyList<CutReport> Cuts, WorkerReport? Workers)
{
    /// <summary>True when every section was read and every pod is ready.</summary>
    public bool Healthy =>
        NodeSets.All(s => s.Problem is null && s.Pods.Count >= s.Replicas && s.Pods.All(p => p.Ready && p.Problem is null))
        && Cuts.All(c => c.Problem is null)
        && Workers?.Problem is null;
}

/// <summary>One node set.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Network">Its network.</param>
/// <param name="Replicas">Declared replicas.</param>
/// <param name="Pods">Its pods.</param>
/// <param name="NetworkTip">The highest height any node of the network reports (its tip or its estimate).</param>
/// <param name="Problem">Why its pods could not be listed.</param>
public sealed record NodeSetReport(string Name, string Network, int Replicas, IReadOnlyList<PodReport> Pods, long? NetworkTip, string? Problem);

/// <summary>One pod.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Ready">Ready.</param>
/// <param name="Restarts">Container restarts.</param>
/// <param name="Restoring">Its restore init container is running.</param>
/// <param name="RestoreProgress">The restore's last log line.</param>
/// <param name="Tip">Its tip height.</param>
/// <param name="Note">Why it is not ready or has no tip, when it is not a failure.</param>
/// <param name="Problem">A failure (image pull, restore exit code, unschedulable).</param>
public sealed record PodReport(string Name, bool Ready, int Restarts, bool Restoring, string? RestoreProgress, long? Tip, string? Note, string? Problem);

/// <summary>One cut's newest snapshots.</summary>
/// <param name="Name">The cut.</param>
/// <param name="BucketHeight">Height of the newest bucket snapshot.</param>
/// <param name="BucketAge">Its age.</param>
/// <param name="BucketNote">Why the bucket index was not read, when it was not.</param>
/// <param name="VolumeSnapshot">The newest ready volume snapshot's name.</param>
/// <param name="VolumeAge">Its age.</param>
/// <param name="Problem">Why the volume snapshots could not be listed.</param>
public sealed record CutReport(string Name, long? BucketHeight, TimeSpan? BucketAge, string? BucketNote, string? VolumeSnapshot, TimeSpan? VolumeAge, string? Problem);

/// <summary>The CI workers.</summary>
/// <param name="Replicas">Current desired replicas (what KEDA asked for).</param>
/// <param name="Ready">Ready replicas.</param>
/// <param name="Max">Declared maximum.</param>
/// <param name="Problem">Why the StatefulSet could not be read.</param>
public sealed record WorkerReport(int Replicas, int Ready, int Max, string? Problem);
