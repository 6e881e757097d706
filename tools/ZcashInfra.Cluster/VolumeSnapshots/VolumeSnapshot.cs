using System.Globalization;
using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// The fields of a VolumeSnapshot this project reads (external-snapshotter v8.6.0
/// <c>client/apis/volumesnapshot/v1/types.go</c>: <c>VolumeSnapshotSpec.Source</c>,
/// <c>VolumeSnapshotStatus</c> with <c>boundVolumeSnapshotContentName</c>, <c>readyToUse</c>,
/// <c>restoreSize</c> and <c>error</c> {time, message}).
/// </summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Labels">metadata.labels.</param>
/// <param name="Created">metadata.creationTimestamp (null when the server sent none).</param>
/// <param name="Deleting">metadata.deletionTimestamp is set (a finalizer holds it).</param>
/// <param name="ClaimName">spec.source.persistentVolumeClaimName (dynamic snapshots).</param>
/// <param name="ContentSource">spec.source.volumeSnapshotContentName (pre-provisioned snapshots).</param>
/// <param name="BoundContent">status.boundVolumeSnapshotContentName.</param>
/// <param name="ReadyToUse">status.readyToUse is true.</param>
/// <param name="Error">status.error.message, when the controller reported one.</param>
/// <param name="RestoreSize">status.restoreSize, as the server wrote it.</param>
public sealed record VolumeSnapshot(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? Created,
    bool Deleting,
    string? ClaimName,
    string? ContentSource,
    string? BoundContent,
    bool ReadyToUse,
    string? Error,
    string? RestoreSize)
{
    /// <summary>True for an alias (see <see cref="SnapshotApi.AliasLabel"/>).</summary>
    public bool IsAlias => Labels.ContainsKey(SnapshotApi.AliasLabel);

    /// <summary>Reads a VolumeSnapshot object as the API server returns it.</summary>
    public static VolumeSnapshot From(JsonObject o)
    {
        var metadata = o["metadata"] as JsonObject ?? [];
        var status = o["status"] as JsonObject;
        var source = o["spec"]?["source"] as JsonObject;
        return new VolumeSnapshot(
            metadata["name"]?.GetValue<string>() ?? throw new ClusterException("a VolumeSnapshot without metadata.name"),
            LabelsOf(metadata),
            Time(metadata["creationTimestamp"]),
            metadata["deletionTimestamp"] is not null,
            source?["persistentVolumeClaimName"]?.GetValue<string>(),
            source?["volumeSnapshotContentName"]?.GetValue<string>(),
            status?["boundVolumeSnapshotContentName"]?.GetValue<string>(),
            status?["readyToUse"]?.GetValue<bool>() == true,
            status?["error"]?["message"]?.GetValue<string>(),
            status?["restoreSize"]?.ToString());
    }

    internal static IReadOnlyDictionary<string, string> LabelsOf(JsonObject metadata) =>
        (metadata["labels"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal);

    internal static DateTimeOffset? Time(JsonNode? node) =>
        node?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
