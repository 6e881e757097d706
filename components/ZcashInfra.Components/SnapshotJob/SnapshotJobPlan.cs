using System.Globalization;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>A snapshot job's arguments with every default filled in and every derived name and path computed once.</summary>
internal sealed record SnapshotJobPlan(string Name, SnapshotJobArgs Args)
{
    /// <summary>The value of app.kubernetes.io/component on the job's objects and pods (node pods have <see cref="NodeLabels.NodeComponent"/>).</summary>
    public const string Component = "snapshot-job";

    /// <summary>Files the steps hand to each other (target height, state height), on a small in-memory volume.</summary>
    public const string WorkDir = "/run/snapshot-job";

    /// <summary>The archive's directory below the scratch volume's mount (beside the node's state, never inside it).</summary>
    public const string ArchiveDirName = "snapshot-out";

    public string ConfigMapName => $"{Name}-config";

    public NodeRelease Release => Args.Release;

    public Network Network => Release.Network;

    public NodeImplementation Implementation => Release.Implementation;

    public bool IsZebra => Release.IsZebra;

    public string Image => Release.ImageReference;

    /// <summary>The state format; known once <see cref="NodeRelease.Problems"/> found nothing (checked before the plan is made).</summary>
    public int DbMajor => Release.ResolvedDbMajor ?? throw new InvalidOperationException($"snapshot job '{Name}': the release's database major is unknown; it is checked first");

    public long Uid => NodeImages.Uid(Implementation);

    /// <summary>Where the scratch volume is mounted in every container: the node's usual volume path, so its config and the restore target are the node sets' own.</summary>
    public string MountPath => NodeImages.VolumeMountPath(Implementation);

    /// <summary>The state directory a snapshot restores into and is packed from.</summary>
    public string StateDirectory => NodeImages.StateDirectory(Implementation, Network);

    /// <summary>Where the archive is written: beside the state on the scratch volume, or on its own volume when the state volume is snapshotted.</summary>
    public string ArchiveDir => Args.VolumeSnapshots is null ? $"{MountPath}/{ArchiveDirName}" : $"/{ArchiveDirName}";

    /// <summary>The series the job's volume snapshots belong to.</summary>
    public VolumeSnapshotSeries Series => new(Network, Implementation, DbMajor);

    /// <summary>The state volume's size when it is snapshotted (the snapshots' restore size).</summary>
    public string StateVolumeSize => Args.VolumeSnapshots?.VolumeSize ?? NodeSizing.DefaultStorage(Network, Implementation);

    /// <summary>The archive's file name with <c>${height}</c> for the state's height (unique per cut; published under this name).</summary>
    public string ArchiveFileName => $"{NodeLabels.Value(Implementation)}-{NodeLabels.Value(Network)}-v{DbMajor.ToString(CultureInfo.InvariantCulture)}-h${{height}}.tar.zst";

    public string TargetFile => $"{WorkDir}/target-height";

    public string StateHeightFile => $"{WorkDir}/state-height";

    /// <summary>The scratch volume's size; with volume snapshots, the archive volume's (default: the state volume's).</summary>
    public string ScratchSize => Args.ScratchSize ?? (Args.VolumeSnapshots is null ? SnapshotJobSizing.DefaultScratch(Network, Implementation) : StateVolumeSize);

    public NodeResources Resources => Args.Resources ?? NodeSizing.DefaultResources(Network);

    public TimeSpan Deadline => Args.Deadline ?? SnapshotJobSizing.DefaultDeadline(Network, Args.VolumeSnapshots is not null);

    /// <summary>Blocks below the tip the target lies (for an explicit height: none known).</summary>
    public long? BlocksBehindTip => Args.Target.Height is null ? Args.Target.BlocksBehindTip ?? ChainTiming.DefaultDepth(Implementation) : null;

    /// <summary>Blocks above the newest indexed snapshot the target lies when <see cref="TipRpc"/> gives no answer (<see cref="SnapshotJobSizing.FallbackAhead"/>).</summary>
    public long FallbackAhead => SnapshotJobSizing.FallbackAhead(Network, Deadline, Args.VolumeSnapshots is not null);

    public Uri? TipRpc => Args.Target.Height is null && Args.Target.TipRpcEndpoint is { } endpoint ? new Uri($"http://{endpoint}/") : null;

    /// <summary>
    /// The node's initial peers: the peer group's Service when one is given, then the public
    /// seeders (zebrad); zcashd lists the group's pods one by one (zcash <c>src/net.cpp</c>,
    /// <c>ThreadOpenAddedConnections</c>: one connection per <c>addnode</c> entry).
    /// </summary>
    public IReadOnlyList<string> InitialPeers
    {
        get
        {
            if (!IsZebra && Args.PeerGroup is not null && !Args.GroupPeers.IsDefaultOrEmpty)
            {
                return Args.GroupPeers;
            }

            var cluster = Args.PeerGroup is { } group
                ? new[] { $"{PeerDiscovery.Host(Network, group, Args.Namespace)}:{ZcashPorts.P2p(Network, Implementation).ToString(CultureInfo.InvariantCulture)}" }
                : [];
            return [.. cluster, .. IsZebra ? ZebraSeeders.For(Network) : []];
        }
    }

    public string ConfigFile => IsZebra ? NodeImages.ZebraConfigFile : NodeImages.ZcashdConfigFile;

    public string ConfigDir => IsZebra ? NodeImages.ZebraConfigDir : NodeImages.ZcashdConfigDir;

    /// <summary>The node's config, rendered by the node sets' own renderers (no RPC or metrics served; zcashd's RPC stays on localhost for the stop).</summary>
    public string ConfigText => IsZebra
        ? ZebradConfig.Render(new ZebradConfigInput($"snapshot job {Name}", Network, InitialPeers, Metrics: false, RpcPort: null))
        : ZcashdConfig.Render(new ZcashdConfigInput($"snapshot job {Name}", Network, InitialPeers, null, Release.Zcashd, RpcFromCluster: false, RpcUser: false));
}
