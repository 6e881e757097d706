using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// The fields of a VolumeSnapshotContent this project reads (external-snapshotter v8.6.0
/// <c>types.go</c>: <c>VolumeSnapshotContentSpec</c> driver, deletionPolicy,
/// volumeSnapshotClassName, sourceVolumeMode; <c>VolumeSnapshotContentStatus.snapshotHandle</c>,
/// the CSI snapshot id that a pre-provisioned content names in <c>spec.source.snapshotHandle</c>).
/// </summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Driver">spec.driver.</param>
/// <param name="DeletionPolicy">spec.deletionPolicy (Delete or Retain).</param>
/// <param name="ClassName">spec.volumeSnapshotClassName.</param>
/// <param name="SnapshotHandle">status.snapshotHandle, or spec.source.snapshotHandle for pre-provisioned contents.</param>
/// <param name="SnapshotRef">spec.volumeSnapshotRef as namespace/name.</param>
/// <param name="SourceVolumeMode">spec.sourceVolumeMode (Filesystem or Block), null when unknown.</param>
/// <param name="Deleting">metadata.deletionTimestamp is set.</param>
public sealed record VolumeSnapshotContent(string Name, string Driver, string DeletionPolicy, string? ClassName, string? SnapshotHandle, string SnapshotRef, string? SourceVolumeMode = null, bool Deleting = false)
{
    /// <summary>Reads a VolumeSnapshotContent object as the API server returns it.</summary>
    public static VolumeSnapshotContent From(JsonObject o)
    {
        var spec = o["spec"] as JsonObject ?? [];
        var reference = spec["volumeSnapshotRef"] as JsonObject ?? [];
        return new VolumeSnapshotContent(
            o["metadata"]?["name"]?.GetValue<string>() ?? throw new ClusterException("a VolumeSnapshotContent without metadata.name"),
            spec["driver"]?.GetValue<string>() ?? string.Empty,
            spec["deletionPolicy"]?.GetValue<string>() ?? string.Empty,
            spec["volumeSnapshotClassName"]?.GetValue<string>(),
            o["status"]?["snapshotHandle"]?.GetValue<string>() ?? spec["source"]?["snapshotHandle"]?.GetValue<string>(),
            $"{reference["namespace"]?.GetValue<string>()}/{reference["name"]?.GetValue<string>()}",
            spec["sourceVolumeMode"]?.GetValue<string>(),
            o["metadata"]?["deletionTimestamp"] is not null);
    }
}
