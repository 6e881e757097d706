using System.Collections.Immutable;
using System.Globalization;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;

namespace ZcashInfra.Components.VolumeSnapshots;

/// <summary>
/// The snapshot agent's <c>volume-snapshot</c> command (tools/ZcashInfra.SnapshotAgent): creates a
/// VolumeSnapshot of a claim, waits until it is ready to use, prunes the series beyond the newest
/// N, and re-points the series' alias to it through a pre-provisioned VolumeSnapshotContent
/// (external-snapshotter v8.6.0 <c>client/apis/volumesnapshot/v1/types.go</c>: a content with
/// <c>spec.source.snapshotHandle</c> and <c>deletionPolicy: Retain</c>, bound to the alias by
/// <c>spec.volumeSnapshotRef</c>).
/// </summary>
public static class VolumeSnapshotCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "volume-snapshot";

    /// <summary>What the command does with the Kubernetes API (its contract): nothing else may be granted to it.</summary>
    public static ImmutableArray<KubernetesApiUse> ApiUses { get; } =
    [
        new("snapshot.storage.k8s.io", "volumesnapshots", ["get", "list", "watch", "create", "delete"]),

        // Claims restoring from a snapshot hold its deletion while Pending (kubernetes-csi/external-snapshotter
        // pkg/common-controller/snapshot_controller.go, isVolumeBeingCreatedFromSnapshot): listed before deleting one.
        new(string.Empty, "persistentvolumeclaims", ["list"]),

        // list: the leftover alias contents of failed runs are found by label and deleted.
        new("snapshot.storage.k8s.io", "volumesnapshotcontents", ["get", "list", "create", "delete"], ClusterScoped: true),
    ];

    /// <summary>The label recording a snapshot's block height.</summary>
    public static string HeightLabel(string height) => $"{NodeLabels.HeightKey}={height}";

    /// <summary>The command line (the command's name first).</summary>
    /// <param name="claim">The claim to snapshot (a shell word: the pod's claim name is only known inside it).</param>
    /// <param name="snapshotClass">The VolumeSnapshotClass.</param>
    /// <param name="snapshotName">The new snapshot's name (a shell word).</param>
    /// <param name="series">The series (its labels, alias).</param>
    /// <param name="heightLabel">The height label, <c>zcash.height=&lt;h&gt;</c> (<see cref="HeightLabel"/>), or a shell word holding it.</param>
    /// <param name="version">The node's release.</param>
    /// <param name="keep">Ready snapshots of the series kept (the newest).</param>
    /// <param name="namespace">The namespace of the claim and the snapshots.</param>
    /// <param name="timeout">How long to wait for readyToUse.</param>
    public static IReadOnlyList<string> Arguments(string claim, string snapshotClass, string snapshotName, VolumeSnapshotSeries series,
        string heightLabel, string version, int keep, string @namespace, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(series);
        var args = new List<string> { Name, "--claim", claim, "--class", snapshotClass, "--name", snapshotName };
        foreach (var (key, value) in series.Labels)
        {
            args.AddRange(["--label", $"{key}={value}"]);
        }

        args.AddRange(["--label", heightLabel, "--label", $"{RecommendedLabels.Version}={version}"]);
        foreach (var (key, value) in series.Labels)
        {
            args.AddRange(["--series", $"{key}={value}"]);
        }

        args.AddRange([
            "--keep", keep.ToString(CultureInfo.InvariantCulture),
            "--alias", series.AliasName,
            "--namespace", @namespace,
            "--timeout", $"{((long)timeout.TotalMinutes).ToString(CultureInfo.InvariantCulture)}m",
        ]);
        return args;
    }
}
