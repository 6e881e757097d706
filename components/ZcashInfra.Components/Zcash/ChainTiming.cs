namespace ZcashInfra.Components.Zcash;

/// <summary>
/// How fast each chain grows and how deep a node's stored state lags its tip: what snapshot
/// schedules, freshness and the mainnet tip estimate (<see cref="MainnetTip"/>) are computed from.
/// The target spacing is 75 s from Blossom (ZIP 208) and 25 s from NU7 (ZIP 218 "25-second Block
/// Target Spacing", deployed by ZIP 259; zebra <c>zebra-chain</c>
/// <c>NetworkUpgrade::target_spacing_for_height</c>). Depths: zebra
/// <c>zebra-chain/src/parameters/constants.rs</c> (<c>MAX_BLOCK_REORG_HEIGHT</c>).
/// </summary>
public static class ChainTiming
{
    /// <summary>The target spacing from Blossom until NU7 (ZIP 208).</summary>
    public static readonly TimeSpan SpacingBeforeNu7 = TimeSpan.FromSeconds(75);

    /// <summary>The target spacing from NU7 on (ZIP 218 <c>PostNU7PoWTargetSpacing</c>).</summary>
    public static readonly TimeSpan SpacingFromNu7 = TimeSpan.FromSeconds(25);

    /// <summary>NU7's mainnet activation height (zebra v7.0.0 release notes: "activates at height 3,543,405").</summary>
    public const long MainnetNu7Activation = 3_543_405;

    /// <summary>
    /// zebrad commits a block to its finalized (on-disk, snapshot) state only once its best chain
    /// is this many blocks past it (above the last checkpoint); <c>debug_stop_at_height = H</c>
    /// therefore stops when the chain reaches about H + 1000. A zebrad snapshot is never closer to
    /// the tip than this when it is cut. ZIP 218 keeps the count, so in time it shrank from about
    /// 20.8 h (75 s blocks) to about 6.9 h (25 s blocks; zebra-chain 15.0.0 <c>constants.rs</c> says the same).
    /// </summary>
    public const int ZebraFinalizationDepth = 1000;

    /// <summary>
    /// zcashd stores every block it connects; a snapshot this far below the tip is past any reorg
    /// zcashd would follow (100 blocks: coinbase maturity).
    /// </summary>
    public const int ZcashdReorgDepth = 100;

    /// <summary>
    /// The height NU7 activates at on <paramref name="network"/>, or null where this project has not
    /// recorded it. Testnet's is not recorded: ZIP 259 (the revision read) still says "TBD", and no
    /// Zebra source read here names it; until it is, testnet is timed at 75 s, which over-states
    /// testnet ages (the safe side for every check made with them). Regtest mines on demand.
    /// </summary>
    public static long? Nu7Activation(Network network) => network == Network.Mainnet ? MainnetNu7Activation : null;

    /// <summary>The target spacing of the block at <paramref name="height"/> on <paramref name="network"/>.</summary>
    public static TimeSpan Spacing(Network network, long height) =>
        Nu7Activation(network) is { } nu7 && height >= nu7 ? SpacingFromNu7 : SpacingBeforeNu7;

    /// <summary>
    /// The target spacing at <paramref name="network"/>'s tip today: on mainnet that of the recorded
    /// reference height (<see cref="MainnetTip.Recorded"/>, past NU7: 25 s); elsewhere 75 s (see <see cref="Nu7Activation"/>).
    /// </summary>
    public static TimeSpan TipSpacing(Network network) =>
        network == Network.Mainnet ? Spacing(network, MainnetTip.Recorded.ReferenceHeight) : SpacingBeforeNu7;

    /// <summary>Blocks a day at <paramref name="network"/>'s tip spacing: 86,400 s / 25 s = 3,456 on mainnet, / 75 s = 1,152 elsewhere.</summary>
    public static int BlocksPerDay(Network network) => (int)(TimeSpan.FromDays(1) / TipSpacing(network));

    /// <summary>How long <paramref name="network"/>'s chain takes, at its tip spacing, to grow by <paramref name="blocks"/>.</summary>
    public static TimeSpan Duration(Network network, long blocks) => TipSpacing(network) * blocks;

    /// <summary>
    /// Time, at the target spacing of each block, from <paramref name="network"/>'s chain being at
    /// <paramref name="from"/> to it being at <paramref name="to"/> (negative backwards).
    /// </summary>
    public static TimeSpan Span(Network network, long from, long to)
    {
        if (to < from)
        {
            return -Span(network, to, from);
        }

        var switchAt = Nu7Activation(network) ?? long.MaxValue;
        var before = Math.Max(0, Math.Min(to, switchAt) - from);
        var after = (to - from) - before;
        return (SpacingBeforeNu7 * before) + (SpacingFromNu7 * after);
    }

    /// <summary>The depth below the tip a snapshot of this implementation is cut at, at the least.</summary>
    public static int MinimumDepth(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zebrad ? ZebraFinalizationDepth : 0;

    /// <summary>The default depth below a serving node's tip a snapshot job targets.</summary>
    public static int DefaultDepth(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zebrad ? ZebraFinalizationDepth : ZcashdReorgDepth;
}
