using System.Text.Json.Serialization;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Scheduling;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One entry of <c>snapshotSchedule.cuts</c>: a CronJob that runs a node of one network and implementation to a height and publishes its state.</summary>
public sealed record SnapshotCutSettings
{
    /// <summary>mainnet or testnet. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>zebrad (default) or zcashd (testnet only).</summary>
    public NodeImplementation Implementation { get; init; } = NodeRelease.DefaultImplementation;

    /// <summary>
    /// The node's release (image tag). Default: the version (and image, digest, db major) of the
    /// stack's first node set of this network and implementation, so snapshots fit the nodes that
    /// restore them.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>zebrad's database major version. Default: the node set's, or the one known for the version.</summary>
    public int? DbMajor { get; init; }

    /// <summary>Cron schedule (UTC). Default: <c>snapshotSchedule.cron</c>.</summary>
    public string? Cron { get; init; }

    /// <summary>Where the node stops. Default: 1000 blocks (zebrad) / 100 (zcashd) below the tip of the stack's zebrad node set of the network with RPC.</summary>
    public SnapshotTargetSettings Target { get; init; } = new();

    /// <summary>The scratch volume (state plus archive). Default: 800Gi mainnet, 100Gi testnet; the cluster's default class.</summary>
    public ScratchStorageSettings Storage { get; init; } = new();

    /// <summary>CPU and memory of the node. Default: the network's node sizing.</summary>
    public NodeResourceSettings Resources { get; init; } = new();

    /// <summary>How long one run may take, retries included. Default 4 on mainnet, 2 on testnet.</summary>
    public double? DeadlineHours { get; init; }

    /// <summary>
    /// The <c>snapshots.json</c> restored from while the stack's own index is absent or older.
    /// Default: the Zcash Foundation's for zebrad; required for zcashd (the Foundation publishes
    /// zebrad state only).
    /// </summary>
    public string? Bootstrap { get; init; }

    /// <summary>zcashd's index flags the snapshot is made with (zcashd only). Default: none.</summary>
    public SnapshotCutZcashdSettings? Zcashd { get; init; }

    /// <summary>
    /// Also keep CSI volume snapshots of the cut's state, which node sets with
    /// <c>snapshot.volumeSnapshot: true</c> provision new volumes from (docs/volume-snapshots.md).
    /// Default: off (the bucket only).
    /// </summary>
    public CutVolumeSnapshotSettings VolumeSnapshots { get; init; } = new();

    /// <summary>Also publish each cut to an IPFS node (a Kubo RPC API, optionally a pinning service). Default: none, the bucket only.</summary>
    public SnapshotCutIpfsSettings? Ipfs { get; init; }

    /// <summary>The CronJob's name: <c>snapshot-&lt;network&gt;-&lt;implementation&gt;</c>.</summary>
    [JsonIgnore]
    public string JobName => $"snapshot-{NodeLabels.Value(Network)}-{NodeLabels.Value(Implementation)}";

    /// <summary>The node set this cut takes its version from (the first of its network and implementation), if any.</summary>
    public NodeSetSettings? VersionSource(IReadOnlyList<NodeSetSettings> sets) =>
        Version is null ? sets.FirstOrDefault(s => s.Network == Network && s.Implementation == Implementation) : null;

    /// <summary>The node set whose tip is read: <see cref="SnapshotTargetSettings.TipFrom"/>, else the first zebrad set of the network with RPC on.</summary>
    public NodeSetSettings? TipSource(IReadOnlyList<NodeSetSettings> sets) => Target.Height is not null ? null
        : Target.TipFrom is { } name ? sets.FirstOrDefault(s => s.Name == name)
        : sets.FirstOrDefault(s => s.Network == Network && s.Implementation == NodeImplementation.Zebrad && s.Rpc);

    /// <summary>Blocks below the tip, with the implementation's default.</summary>
    [JsonIgnore]
    public long Depth => Target.BlocksBehindTip ?? ChainTiming.DefaultDepth(Implementation);

    /// <summary>The run deadline, with the network's default.</summary>
    [JsonIgnore]
    public TimeSpan Deadline => DeadlineHours is { } hours ? TimeSpan.FromHours(hours) : SnapshotJobSizing.DefaultDeadline(Network, VolumeSnapshots.Enabled);

    /// <summary>
    /// The release the cut's node runs: its own version and db major, else those of its version
    /// source (with that set's image and digest), so the snapshots fit the nodes that restore
    /// them. The version is empty when neither gives one (validation reports it).
    /// </summary>
    public NodeRelease Release(IReadOnlyList<NodeSetSettings> sets)
    {
        var source = VersionSource(sets);
        return new NodeRelease
        {
            Network = Network,
            Implementation = Implementation,
            Version = Version ?? source?.Version ?? string.Empty,
            Image = source?.Image,
            ImageDigest = source?.ImageDigest,
            DbMajor = DbMajor ?? source?.DbMajor,
            Zcashd = Zcashd?.ToArgs() ?? new ZcashdOptions(),
        };
    }

    /// <summary>The database major of the cut's state: set, else its version source's, else the one known for its version.</summary>
    public int? ResolvedDbMajor(IReadOnlyList<NodeSetSettings> sets) => Release(sets).ResolvedDbMajor;

    internal void Validate(SettingsPath path, SnapshotScheduleSettings schedule, StackSettings stack, SettingsErrors errors)
    {
        errors.Require(Network != Network.Regtest, path["network"], "regtest is a private chain that starts empty; it has no snapshots");
        errors.Require(Version is not null || VersionSource(stack.NodeSets) is not null, path["version"],
            $"is required: no {NodeLabels.Value(Implementation)} node set on {NodeLabels.Value(Network)} to take it from");

        // Only the keys the cut writes itself: what it takes from its node set is reported there.
        errors.Add(path, Release(stack.NodeSets).Problems(NodeReleaseUse.SnapshotCut).Where(p => p.Key switch
        {
            "network" or "implementation" => true,
            "dbMajor" => Version is not null || DbMajor is not null,
            _ when p.Key.StartsWith("zcashd", StringComparison.Ordinal) => Zcashd is not null,
            _ => Version is not null,
        }));
        CronSchedule? cron = null;
        if (Cron is not null && !CronSchedule.TryParse(Cron, out cron, out var error))
        {
            errors.Add(path["cron"], $"'{Cron}' is not a valid schedule: {error}");
        }
        else if (Cron is null)
        {
            CronSchedule.TryParse(schedule.Cron ?? string.Empty, out cron, out _);
        }

        Target.Validate(path["target"], this, stack.NodeSets, errors);
        Storage.Validate(path["storage"], Network, Implementation, errors);
        Resources.Validate(path["resources"], errors);
        errors.Require(DeadlineHours is null or (>= 0.1 and <= 72), path["deadlineHours"], $"must be between 0.1 and 72, got {DeadlineHours}");
        errors.Require(Bootstrap is null || Uri.TryCreate(Bootstrap, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http", path["bootstrap"],
            $"must be an absolute https or http URL of a snapshots.json (the snapshot agent downloads over HTTP), got '{Bootstrap}'");
        errors.Require(Bootstrap is not null || FoundationSnapshots.Publishes(Implementation), path["bootstrap"],
            "is required for zcashd: the Zcash Foundation publishes zebrad state only, and the first cut needs a snapshot to start from");
        VolumeSnapshots.Validate(path["volumeSnapshots"], Network, Implementation, errors);
        Ipfs?.Validate(path["ipfs"], stack, errors);

        if (cron is not null && schedule.Enabled && DeadlineHours is null or (>= 0.1 and <= 72))
        {
            if (Target.Height is not null)
            {
                errors.Add(path["target"]["height"],
                    "a fixed height cannot keep snapshots fresh on a schedule; use blocksBehindTip (and TARGET_HEIGHT for a one-off run), or set snapshotSchedule.enabled: false");
            }
            else if (Depth >= ChainTiming.MinimumDepth(Implementation))
            {
                foreach (var problem in SnapshotFreshness.Problems(Network, cron, Depth, Deadline, TimeSpan.FromHours(schedule.MaxAgeHours)))
                {
                    errors.Add(path, problem);
                }
            }
        }
    }
}

/// <summary><c>cuts[].target</c>: the height a run stops its node at.</summary>
public sealed record SnapshotTargetSettings
{
    /// <summary>A fixed block height (only with the schedule disabled: one-off or historical cuts). Default: none, the tip minus blocksBehindTip.</summary>
    public long? Height { get; init; }

    /// <summary>
    /// Blocks below the serving node's tip. Default 1000 for zebrad (the least: it finalizes, and
    /// stops at, a block only 1000 blocks later), 100 for zcashd.
    /// </summary>
    public long? BlocksBehindTip { get; init; }

    /// <summary>The zebrad node set (same network, rpc: true) whose tip is read. Default: the first such set of the stack.</summary>
    public string? TipFrom { get; init; }

    internal void Validate(SettingsPath path, SnapshotCutSettings cut, IReadOnlyList<NodeSetSettings> sets, SettingsErrors errors)
    {
        errors.Require(Height is null || BlocksBehindTip is null, path["blocksBehindTip"], "set height or blocksBehindTip, not both");
        errors.Require(Height is null or >= 1, path["height"], $"must be ≥ 1, got {Height}");
        var minimum = ChainTiming.MinimumDepth(cut.Implementation);
        errors.Require(BlocksBehindTip is null || BlocksBehindTip >= minimum, path["blocksBehindTip"],
            $"must be ≥ {minimum} for zebrad: it finalizes (and stops at) a block only once the chain is {minimum} blocks past it, got {BlocksBehindTip}");
        if (Height is not null)
        {
            errors.Require(TipFrom is null, path["tipFrom"], "only applies without a fixed height");
            return;
        }

        var source = cut.TipSource(sets);
        if (TipFrom is not null)
        {
            errors.Require(source is { Implementation: NodeImplementation.Zebrad, Rpc: true } && source.Network == cut.Network, path["tipFrom"],
                $"must name a zebrad node set of this stack on {NodeLabels.Value(cut.Network)} with rpc: true, got '{TipFrom}'");
        }
        else
        {
            errors.Require(source is not null, path["tipFrom"],
                $"is required without a fixed height, and no zebrad node set on {NodeLabels.Value(cut.Network)} has rpc: true to read the tip from");
        }
    }
}

/// <summary><c>cuts[].storage</c>: the scratch volume a run restores into and packs from.</summary>
public sealed record ScratchStorageSettings
{
    /// <summary>Size (a Kubernetes quantity). Default: 800Gi zebrad mainnet, 100Gi testnet.</summary>
    public string? Size { get; init; }

    /// <summary>Storage class. Default: the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    internal void Validate(SettingsPath path, Network network, NodeImplementation implementation, SettingsErrors errors) =>
        VolumeRules.Validate(path, Size, StorageClass, SnapshotJobSizing.MinimumScratch(network, implementation), "800Gi",
            $"for {NodeLabels.Value(implementation)} on {NodeLabels.Value(network)} (a state and its archive)", errors);
}

/// <summary><c>cuts[].volumeSnapshots</c>: CSI volume snapshots of the cut's state, beside the bucket publish.</summary>
public sealed record CutVolumeSnapshotSettings
{
    /// <summary>
    /// Snapshot the state volume after each publish, keep the newest, and point the series' alias
    /// VolumeSnapshot (<c>&lt;implementation&gt;-&lt;network&gt;-v&lt;db major&gt;-latest</c>) at it.
    /// Needs the snapshot CRDs and controller (cluster.provides: volumeSnapshots). Default false.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>Ready snapshots kept, the newest (each a full copy of the state, billed by the cloud). Default 2.</summary>
    public int Keep { get; init; } = SeriesDefaults.Keep;

    /// <summary>
    /// Size of the state volume that is snapshotted: the snapshots' restore size, so every node
    /// set restoring them needs storage.size at least this. Default: the network's node volume
    /// (400Gi zebrad mainnet, 50Gi testnet). The archive then gets a volume of its own
    /// (storage.size, default this size).
    /// </summary>
    public string? VolumeSize { get; init; }

    internal void Validate(SettingsPath path, Network network, NodeImplementation implementation, SettingsErrors errors)
    {
        errors.Require(Keep is >= 1 and <= 20, path["keep"], $"must be between 1 and 20, got {Keep}");
        if (VolumeSize is not null)
        {
            var parsed = Quantity.Parse(VolumeSize);
            var minimum = NodeSizing.MinimumStorage(network, implementation);
            errors.Require(parsed is not null, path["volumeSize"], $"must be a Kubernetes quantity such as 400Gi, got '{VolumeSize}'");
            errors.Require(parsed is null || parsed >= Quantity.Parse(minimum), path["volumeSize"],
                $"must be at least {minimum} for {NodeLabels.Value(implementation)} on {NodeLabels.Value(network)} (a node's state), got {VolumeSize}");
        }
    }

    /// <summary>The state volume's size, with the network's default.</summary>
    public string Size(Network network, NodeImplementation implementation) => VolumeSize ?? NodeSizing.DefaultStorage(network, implementation);

    /// <summary>The component's defaults, which these settings take instead of restating them.</summary>
    private static SnapshotJobVolumeSnapshots SeriesDefaults { get; } = new() { SnapshotClass = string.Empty, StateStorageClass = string.Empty };
}

/// <summary><c>cuts[].zcashd</c>: the index flags a zcashd snapshot is made with (they must match the nodes that restore it).</summary>
public sealed record SnapshotCutZcashdSettings
{
    /// <inheritdoc cref="ZcashdOptions.TxIndex"/>
    public bool TxIndex { get; init; }

    /// <inheritdoc cref="ZcashdOptions.InsightExplorer"/>
    public bool InsightExplorer { get; init; }

    /// <inheritdoc cref="ZcashdOptions.Lightwalletd"/>
    public bool Lightwalletd { get; init; }

    /// <summary>The component's view.</summary>
    public ZcashdOptions ToArgs() => new() { TxIndex = TxIndex, InsightExplorer = InsightExplorer, Lightwalletd = Lightwalletd };
}
