using System.Text.Json.Nodes;

namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>
/// The objects the volume-snapshot command creates, shaped as external-snapshotter v8.6.0's CRDs
/// require (<c>client/config/crd/snapshot.storage.k8s.io_volumesnapshots.yaml</c> and
/// <c>…_volumesnapshotcontents.yaml</c>: exactly one of the two sources; a content needs
/// deletionPolicy, driver, source and volumeSnapshotRef with both name and namespace).
/// </summary>
public static class SnapshotManifests
{
    /// <summary>A dynamically provisioned snapshot of a claim.</summary>
    public static JsonObject OfClaim(string name, string ns, string claim, string snapshotClass, IReadOnlyDictionary<string, string> labels) => new()
    {
        ["apiVersion"] = SnapshotApi.ApiVersion,
        ["kind"] = "VolumeSnapshot",
        ["metadata"] = Metadata(name, ns, labels),
        ["spec"] = new JsonObject
        {
            ["volumeSnapshotClassName"] = snapshotClass,
            ["source"] = new JsonObject { ["persistentVolumeClaimName"] = claim },
        },
    };

    /// <summary>
    /// A pre-provisioned content for an existing cloud snapshot, bound ahead to
    /// <paramref name="ns"/>/<paramref name="snapshotName"/>. deletionPolicy Retain: deleting this
    /// object leaves the cloud snapshot to its owner (the real snapshot's own content). See
    /// external-snapshotter <c>README.md</c> and the Kubernetes docs
    /// (<c>content/en/docs/concepts/storage/volume-snapshots.md</c>, "Pre-provisioned volume snapshot").
    /// <paramref name="sourceVolumeMode"/> is copied from the real content: unset means "the
    /// source volume's mode is unknown" (external-snapshotter
    /// <c>client/config/crd/snapshot.storage.k8s.io_volumesnapshotcontents.yaml</c>), and the
    /// Kubernetes docs ask pre-provisioned contents to set it so volume-mode conversion stays
    /// guarded (<c>content/en/docs/concepts/storage/volume-snapshots.md</c>, "Converting the volume
    /// mode of a Snapshot").
    /// </summary>
    public static JsonObject PreProvisionedContent(string name, string ns, string snapshotName, string driver, string snapshotHandle, string? snapshotClass, string? sourceVolumeMode, IReadOnlyDictionary<string, string> labels)
    {
        var spec = new JsonObject
        {
            ["deletionPolicy"] = "Retain",
            ["driver"] = driver,
            ["source"] = new JsonObject { ["snapshotHandle"] = snapshotHandle },
            ["volumeSnapshotRef"] = new JsonObject { ["name"] = snapshotName, ["namespace"] = ns },
        };
        if (snapshotClass is not null)
        {
            spec["volumeSnapshotClassName"] = snapshotClass;
        }

        if (sourceVolumeMode is not null)
        {
            spec["sourceVolumeMode"] = sourceVolumeMode;
        }

        return new JsonObject
        {
            ["apiVersion"] = SnapshotApi.ApiVersion,
            ["kind"] = "VolumeSnapshotContent",
            ["metadata"] = Metadata(name, null, labels),
            ["spec"] = spec,
        };
    }

    /// <summary>A VolumeSnapshot bound to a pre-provisioned content.</summary>
    public static JsonObject OfContent(string name, string ns, string content, IReadOnlyDictionary<string, string> labels) => new()
    {
        ["apiVersion"] = SnapshotApi.ApiVersion,
        ["kind"] = "VolumeSnapshot",
        ["metadata"] = Metadata(name, ns, labels),
        ["spec"] = new JsonObject { ["source"] = new JsonObject { ["volumeSnapshotContentName"] = content } },
    };

    private static JsonObject Metadata(string name, string? ns, IReadOnlyDictionary<string, string> labels)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        var labelObject = new JsonObject();
        foreach (var (key, value) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            labelObject[key] = value;
        }

        metadata["labels"] = labelObject;
        return metadata;
    }
}
