namespace ZcashInfra.Components.Zcash;

/// <summary>
/// Estimates the mainnet tip height at a moment, and the moment the tip reaches a height, from one
/// recorded reference point and the target spacing of each part of the chain: 75 s from Blossom
/// (ZIP 208) until NU7, 25 s from NU7's activation (ZIP 218 "25-second Block Target Spacing",
/// deployed by ZIP 259; zebra <c>zebra-chain</c> <c>NetworkUpgrade::target_spacing_for_height</c>).
/// zebrad's own end-of-support code estimates the same way since 7.0.0
/// (<c>NetworkChainTipHeightEstimator</c> in <c>zebrad/src/components/sync/end_of_support.rs</c>).
/// Real blocks come a little faster or slower than the target, so the estimate drifts by hours per
/// month from the reference; move the reference forward when a release is added.
/// </summary>
public sealed class MainnetTip
{
    /// <summary>NU7's mainnet activation height (zebra v7.0.0 release notes: "activates at height 3,543,405").</summary>
    public const long Nu7Activation = 3_543_405;

    /// <summary>The target spacing before NU7 (Blossom to NU7, ZIP 208).</summary>
    public static readonly TimeSpan SpacingBeforeNu7 = ChainTiming.BlockTime;

    /// <summary>The target spacing from NU7 on (ZIP 218).</summary>
    public static readonly TimeSpan SpacingFromNu7 = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The recorded reference: mainnet passed height 3,590,000, ZIP 2009's fee reduction height
    /// (librustzcash <c>zcash_primitives/src/transaction/fees/zip317.rs</c>
    /// <c>MAINNET_FEE_REDUCTION_HEIGHT</c>), on 19 November 2026 (zebra v7.2.0-beta.2 release notes:
    /// "its fee reduction height, which Mainnet passed on 19 November 2026"); noon UTC is taken,
    /// within half a day of the truth.
    /// </summary>
    public static MainnetTip Recorded { get; } = new(3_590_000, new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero));

    /// <summary>An estimator anchored at a known height and time.</summary>
    public MainnetTip(long referenceHeight, DateTimeOffset referenceTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(referenceHeight);
        ReferenceHeight = referenceHeight;
        ReferenceTime = referenceTime;
    }

    /// <summary>The reference height.</summary>
    public long ReferenceHeight { get; }

    /// <summary>When the chain was at <see cref="ReferenceHeight"/>.</summary>
    public DateTimeOffset ReferenceTime { get; }

    /// <summary>The target spacing of the block at <paramref name="height"/>.</summary>
    public static TimeSpan Spacing(long height) => height >= Nu7Activation ? SpacingFromNu7 : SpacingBeforeNu7;

    /// <summary>When the tip is estimated to reach <paramref name="height"/>.</summary>
    public DateTimeOffset TimeAt(long height) => ReferenceTime + Span(ReferenceHeight, height);

    /// <summary>The estimated tip height at <paramref name="moment"/>.</summary>
    public long HeightAt(DateTimeOffset moment)
    {
        var nu7Time = TimeAt(Nu7Activation);
        var (fromHeight, fromTime) = (moment >= nu7Time) == (ReferenceHeight >= Nu7Activation)
            ? (ReferenceHeight, ReferenceTime)
            : (Nu7Activation, nu7Time);
        var spacing = moment >= nu7Time ? SpacingFromNu7 : SpacingBeforeNu7;
        return fromHeight + (long)Math.Floor((moment - fromTime) / spacing);
    }

    /// <summary>Time from the chain being at <paramref name="from"/> to it being at <paramref name="to"/> (negative backwards).</summary>
    private static TimeSpan Span(long from, long to)
    {
        if (to < from)
        {
            return -Span(to, from);
        }

        var before = Math.Max(0, Math.Min(to, Nu7Activation) - from);
        var after = (to - from) - before;
        return (SpacingBeforeNu7 * before) + (SpacingFromNu7 * after);
    }
}
