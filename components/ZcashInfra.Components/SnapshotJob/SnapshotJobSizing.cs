using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// How big and how long a snapshot job is, per network: the defaults the component and the stack
/// settings use, and the minimums settings are checked against. This project's sizing, derived
/// from the node sizes in <see cref="NodeSizing"/> (docs/snapshots.md, "Worked numbers", has the arithmetic).
/// </summary>
public static class SnapshotJobSizing
{
    /// <summary>
    /// The scratch volume holds the restored state and the archive packed from it (no larger than
    /// the state: zebrad's RocksDB files are already compressed): twice a node's default volume.
    /// </summary>
    public static string DefaultScratch(Network network, NodeImplementation implementation) => (network, implementation) switch
    {
        (Network.Mainnet, NodeImplementation.Zebrad) => "800Gi",
        (Network.Mainnet, NodeImplementation.Zcashd) => "600Gi",
        (Network.Testnet, _) => "100Gi",
        _ => "20Gi",
    };

    /// <summary>Twice a node's minimum volume: less cannot hold a state and its archive.</summary>
    public static string MinimumScratch(Network network, NodeImplementation implementation) => (network, implementation) switch
    {
        (Network.Mainnet, NodeImplementation.Zebrad) => "600Gi",
        (Network.Mainnet, NodeImplementation.Zcashd) => "550Gi",
        (Network.Testnet, _) => "60Gi",
        _ => "2Gi",
    };

    /// <summary>
    /// One run, retries included: restore, catch up the blocks since the last snapshot plus
    /// zebrad's finalization depth, pack and upload. Mainnet moves ~300 GB twice.
    /// </summary>
    public static TimeSpan DefaultDeadline(Network network) => network == Network.Mainnet ? TimeSpan.FromHours(4) : TimeSpan.FromHours(2);

    /// <summary>The default deadline, plus <see cref="VolumeSnapshotTimeout"/> when the run also takes a volume snapshot.</summary>
    public static TimeSpan DefaultDeadline(Network network, bool volumeSnapshots) =>
        DefaultDeadline(network) + (volumeSnapshots ? VolumeSnapshotTimeout : TimeSpan.Zero);

    /// <summary>
    /// How long the volume-snapshot step waits for its snapshot to be ready to use. Every run's
    /// state volume is a new disk, so each snapshot is a full copy of a ~300 GB state, not an
    /// increment; neither cloud publishes a rate to derive it from, so this is this project's bound.
    /// </summary>
    public static readonly TimeSpan VolumeSnapshotTimeout = TimeSpan.FromHours(1);

    /// <summary>The volume-snapshot step: API calls and waiting.</summary>
    public static NodeResources VolumeSnapshotStepResources { get; } = new("100m", "256Mi", MemoryLimit: "256Mi");

    /// <summary>Packing and uploading: zstd uses every core it gets; memory stays small (streaming).</summary>
    public static NodeResources PublishResources(NodeResources node) => new(node.Cpu, "2Gi");

    /// <summary>The share of a run's deadline the fallback target may spend waiting for new blocks.</summary>
    public const int FallbackWaitShareDivisor = 4;

    /// <summary>
    /// Blocks above the newest indexed snapshot the target-height step aims at when the node set
    /// it reads the tip from gives no answer (a fresh cluster whose node set waits for the volume
    /// snapshot this cut creates). The newest indexed snapshot at height h was cut from a state
    /// whose chain had reached h plus the implementation's depth (zebrad stops at h once h is
    /// final, <see cref="ChainTiming.ZebraFinalizationDepth"/> blocks later; zcashd at h), so even
    /// if it was published a moment ago, reaching h + N (and, for zebrad, its finality) waits for
    /// at most N new blocks: N × the tip's spacing. That wait gets a quarter of the run's deadline
    /// (without the volume-snapshot step's own bound); a cut's restore, catch-up, pack and upload
    /// take about 1.5–2.5 h of mainnet's 4 h and 15–30 min of testnet's 2 h (docs/snapshots.md,
    /// performance), so the rest still covers them. Defaults: 1 h / 25 s = 144 blocks on mainnet,
    /// 30 min / 75 s = 24 on testnet (<see cref="ChainTiming.TipSpacing"/>).
    /// </summary>
    public static long FallbackAhead(Network network, TimeSpan deadline, bool volumeSnapshots)
    {
        var run = deadline - (volumeSnapshots ? VolumeSnapshotTimeout : TimeSpan.Zero);
        return Math.Max(1, (long)(run / FallbackWaitShareDivisor / ChainTiming.TipSpacing(network)));
    }

    /// <summary>The target-height step: one HTTP call.</summary>
    public static NodeResources TargetStepResources { get; } = new("100m", "128Mi", MemoryLimit: "256Mi");
}
