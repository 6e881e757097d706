namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// The CSI snapshot API as external-snapshotter v8.6.0 serves it
/// (kubernetes-csi/external-snapshotter <c>client/apis/volumesnapshot/v1/types.go</c>; CRDs in
/// <c>client/config/crd/</c>): VolumeSnapshots are namespaced, VolumeSnapshotContents are
/// cluster-scoped.
/// </summary>
public static class SnapshotApi
{
    /// <summary>API group.</summary>
    public const string Group = "snapshot.storage.k8s.io";

    /// <summary>Served (and storage) version.</summary>
    public const string Version = "v1";

    /// <summary><c>apiVersion</c> of both kinds.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>Namespaced resource of kind VolumeSnapshot.</summary>
    public const string VolumeSnapshots = "volumesnapshots";

    /// <summary>Cluster-scoped resource of kind VolumeSnapshotContent.</summary>
    public const string VolumeSnapshotContents = "volumesnapshotcontents";

    /// <summary>
    /// The label that marks an alias VolumeSnapshot (a stable name re-pointed at the newest real
    /// snapshot): pruning never counts or deletes what carries it.
    /// </summary>
    public const string AliasLabel = "zcash-infra.io/volume-snapshot-alias";
}
