using k8s.Models;

namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// A PersistentVolumeClaim that names a VolumeSnapshot as its source, and whether it is still
/// Pending. While it is Pending the snapshot controller will not finish deleting that snapshot
/// (kubernetes-csi/external-snapshotter <c>pkg/common-controller/snapshot_controller.go</c>,
/// checkandRemoveSnapshotFinalizersAndCheckandDeleteContent and isVolumeBeingCreatedFromSnapshot:
/// "Snapshot is being used to restore a PVC"), and the provisioner will not restore from a snapshot
/// being deleted (kubernetes-csi/external-provisioner <c>pkg/controller/controller.go</c>
/// getSnapshotSource: "snapshot %s is being deleted") unless it had started already: deleting such
/// a snapshot leaves both waiting on each other.
/// </summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Phase">status.phase (Pending, Bound, Lost).</param>
/// <param name="Snapshot">The VolumeSnapshot its spec.dataSource or spec.dataSourceRef names.</param>
public sealed record RestoringClaim(string Name, string? Phase, string Snapshot)
{
    /// <summary>True while the claim waits for its volume (WaitForFirstConsumer, autoscaling).</summary>
    public bool Pending => Phase is null or "Pending";

    /// <summary>
    /// The claim's snapshot source in <paramref name="ns"/>, or null when it has none. The API
    /// server copies spec.dataSourceRef into spec.dataSource when only one is given
    /// (kubernetes/kubernetes <c>pkg/api/persistentvolumeclaim/util.go</c> NormalizeDataSources); both
    /// are read so either spelling counts. A dataSourceRef into another namespace is not this
    /// namespace's snapshot.
    /// </summary>
    public static RestoringClaim? From(V1PersistentVolumeClaim claim, string ns)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var spec = claim.Spec;
        string? snapshot = null;
        if (spec?.DataSource is { } source && IsSnapshot(source.ApiGroup, source.Kind))
        {
            snapshot = source.Name;
        }
        else if (spec?.DataSourceRef is { } reference && IsSnapshot(reference.ApiGroup, reference.Kind)
            && (reference.NamespaceProperty is null || reference.NamespaceProperty == ns))
        {
            snapshot = reference.Name;
        }

        return snapshot is null ? null : new RestoringClaim(claim.Metadata?.Name ?? "?", claim.Status?.Phase, snapshot);
    }

    private static bool IsSnapshot(string? group, string? kind) => group == SnapshotApi.Group && kind == "VolumeSnapshot";
}
