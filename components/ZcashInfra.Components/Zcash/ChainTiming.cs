namespace ZcashInfra.Components.Zcash;

/// <summary>
/// How fast the chain grows and how deep a node's stored state lags its tip: what snapshot
/// schedules and freshness are computed from. Sources: ZIP 208 (75 s target spacing since Blossom),
/// FACTS.md and zebra <c>zebra-chain/src/parameters/constants.rs</c> (<c>MAX_BLOCK_REORG_HEIGHT</c>).
/// </summary>
public static class ChainTiming
{
    /// <summary>Target block spacing since Blossom (mainnet and testnet).</summary>
    public static readonly TimeSpan BlockTime = TimeSpan.FromSeconds(75);

    /// <summary>Blocks per day at the target spacing: 86,400 s / 75 s.</summary>
    public const int BlocksPerDay = 1152;

    /// <summary>
    /// zebrad commits a block to its finalized (on-disk, snapshot) state only once its best chain
    /// is this many blocks past it (above the last checkpoint); <c>debug_stop_at_height = H</c>
    /// therefore stops when the chain reaches about H + 1000. A zebrad snapshot is never closer to
    /// the tip than this when it is cut.
    /// </summary>
    public const int ZebraFinalizationDepth = 1000;

    /// <summary>
    /// zcashd stores every block it connects; a snapshot this far below the tip is past any reorg
    /// zcashd would follow (100 blocks: coinbase maturity).
    /// </summary>
    public const int ZcashdReorgDepth = 100;

    /// <summary>How long the chain takes, at the target spacing, to grow by <paramref name="blocks"/>.</summary>
    public static TimeSpan Duration(long blocks) => BlockTime * blocks;

    /// <summary>The depth below the tip a snapshot of this implementation is cut at, at the least.</summary>
    public static int MinimumDepth(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zebrad ? ZebraFinalizationDepth : 0;

    /// <summary>The default depth below a serving node's tip a snapshot job targets.</summary>
    public static int DefaultDepth(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zebrad ? ZebraFinalizationDepth : ZcashdReorgDepth;
}
