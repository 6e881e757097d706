using System.Collections.Immutable;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>The block height a run stops its node at.</summary>
public sealed record SnapshotJobTarget
{
    /// <summary>A fixed height (a one-off or historical cut). Set this, or leave it null to use the tip of <see cref="TipNodeSet"/>.</summary>
    public long? Height { get; init; }

    /// <summary>
    /// How many blocks below the serving node's tip. Default <see cref="ChainTiming.DefaultDepth"/>
    /// of the implementation (zebrad 1000: its finalization depth, so the target is reachable at once).
    /// </summary>
    public long? BlocksBehindTip { get; init; }

    /// <summary>The node set whose tip is read (its pods' NetworkPolicy admits the job's pods by their client label). Required without <see cref="Height"/>.</summary>
    public string? TipNodeSet { get; init; }

    /// <summary><c>host:port</c> of that node set's JSON-RPC Service. Required without <see cref="Height"/>.</summary>
    public string? TipRpcEndpoint { get; init; }
}

/// <summary>Where snapshots are published.</summary>
public sealed record SnapshotJobStore
{
    /// <summary>The bucket as the agent addresses it: <c>gs://bucket</c> or <c>s3://bucket</c> (objects go to <c>&lt;bucket&gt;/&lt;network&gt;/</c>). Required.</summary>
    public required string BucketUrl { get; init; }

    /// <summary>The HTTPS base URL readers use when the bucket is public (index entries then point there). Default: none (private).</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>The S3 bucket's region (passed explicitly: the pod's environment may not name it). Default: none (GCS).</summary>
    public string? S3Region { get; init; }

    /// <summary>Snapshots each network's index keeps; older ones are deleted, never the latest. Default 5.</summary>
    public int Keep { get; init; } = 5;
}

/// <summary>
/// CSI volume snapshots of the job's stopped state, beside the bucket publish: the state gets its
/// own volume (of the node sets' driver), which the job snapshots after publishing, labels with the
/// series (<see cref="ZcashInfra.Components.VolumeSnapshots.VolumeSnapshotSeries"/>) and the height, prunes to
/// <see cref="Keep"/>, and makes the series' alias point to.
/// </summary>
public sealed record SnapshotJobVolumeSnapshots
{
    /// <summary>The VolumeSnapshotClass the snapshots are taken with. Required.</summary>
    public required string SnapshotClass { get; init; }

    /// <summary>The StorageClass of the state volume (the restoring node sets' driver). Required.</summary>
    public required string StateStorageClass { get; init; }

    /// <summary>
    /// Size of the state volume, which is the snapshot's restore size: a node set restoring it must
    /// ask at least this much. Default <see cref="NodeSizing.DefaultStorage"/> of the network and implementation.
    /// </summary>
    public string? VolumeSize { get; init; }

    /// <summary>Ready snapshots of the series kept, the newest ones (each is a full copy of the state). Default 2.</summary>
    public int Keep { get; init; } = 2;
}

/// <summary>Arguments of <see cref="SnapshotJobComponent"/>: a CronJob that fast-forwards a node to a height and publishes its state.</summary>
public sealed record SnapshotJobArgs
{
    /// <summary>
    /// What the job's node runs: mainnet or testnet (regtest has no snapshots), zebrad or zcashd
    /// (testnet only: zcashd is end-of-life on mainnet), the version whose database major the
    /// snapshot is for, and zcashd's index flags the snapshot is made with (they must match the
    /// nodes that restore it). Required.
    /// </summary>
    public required NodeRelease Release { get; init; }

    /// <summary>Cron schedule (UTC; five fields or <c>@daily</c>-style descriptors). Required.</summary>
    public required string Schedule { get; init; }

    /// <summary>Suspend the schedule: the CronJob then only runs when started by hand. Default false.</summary>
    public bool Suspend { get; init; }

    /// <summary>Where the node stops. Default: <see cref="ChainTiming.DefaultDepth"/> below a serving node's tip (which must then be named).</summary>
    public SnapshotJobTarget Target { get; init; } = new();

    /// <summary>
    /// <c>snapshots.json</c> indexes to restore from, newest compatible entry of any of them (the
    /// stack's own first, then a bootstrap such as <see cref="FoundationSnapshots.Index"/>). Required, at least one.
    /// </summary>
    public ImmutableArray<Uri> RestoreIndexes { get; init; } = [];

    /// <summary>Where the snapshot is published. Required.</summary>
    public required SnapshotJobStore Store { get; init; }

    /// <summary>Also publish each cut to an IPFS node (after the bucket). Default: none, the bucket only.</summary>
    public SnapshotJobIpfs? Ipfs { get; init; }

    /// <summary>
    /// Size of the scratch volume (state plus archive). Default <see cref="SnapshotJobSizing.DefaultScratch"/>.
    /// With <see cref="VolumeSnapshots"/>, the archive's own volume instead. Default: the state volume's size.
    /// </summary>
    public string? ScratchSize { get; init; }

    /// <summary>Storage class of the scratch volume (with <see cref="VolumeSnapshots"/>: of the archive volume). Default: the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    /// <summary>CPU and memory of the node. Default <see cref="NodeSizing.DefaultResources"/> of the network.</summary>
    public NodeResources? Resources { get; init; }

    /// <summary>How long one run may take, retries included (the Job's <c>activeDeadlineSeconds</c>). Default <see cref="SnapshotJobSizing.DefaultDeadline(Network, bool)"/> (an hour more with volume snapshots).</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>
    /// How old (in chain time) the newest snapshot may get; when set, a schedule that cannot keep it
    /// (see <see cref="SnapshotFreshness"/>) is refused. Default: not checked.
    /// </summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Also keep CSI volume snapshots of the state. Default: none (the bucket only).</summary>
    public SnapshotJobVolumeSnapshots? VolumeSnapshots { get; init; }

    /// <summary>A peer group whose peers Service the node adds to its initial peers (fast in-cluster sync). Default: none, public peers only.</summary>
    public string? PeerGroup { get; init; }

    /// <summary>
    /// The peer group's pods as <c>host:port</c>, which a zcashd node lists one <c>addnode</c> each
    /// instead of the Service (see <see cref="NodeSetArgs.GroupPeers"/>). Default none.
    /// </summary>
    public ImmutableArray<string> GroupPeers { get; init; } = [];

    /// <summary>The snapshot agent image. Default <see cref="SnapshotAgentImage.Default"/>.</summary>
    public string AgentImage { get; init; } = SnapshotAgentImage.Default;

    /// <summary>Namespace of every object. Default <see cref="Namespaces.Zcash"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Zcash;

    /// <summary>Service account of the pods: the snapshot writer. Default <see cref="SnapshotIdentities.WriterServiceAccount"/>.</summary>
    public string ServiceAccount { get; init; } = SnapshotIdentities.WriterServiceAccount;

    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Graph paths every object depends on (the namespace, the writer service account). Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];
}

/// <summary>What a snapshot job gives the stack.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="CronJobPath">Graph path of the CronJob.</param>
/// <param name="CronJobName">The CronJob's name (<c>kubectl create job --from=cronjob/&lt;name&gt;</c>).</param>
public sealed record SnapshotJobOutputs(string ComponentPath, string CronJobPath, string CronJobName);
