namespace ZcashInfra.Components.Zcash;

/// <summary>
/// Estimates the mainnet tip height at a moment, and the moment the tip reaches a height, from one
/// recorded reference point and the target spacing of each part of the chain
/// (<see cref="ChainTiming.Span"/>: 75 s from Blossom until NU7, 25 s from NU7's activation).
/// zebrad's own end-of-support code estimates the same way since 7.0.0
/// (<c>NetworkChainTipHeightEstimator</c> in <c>zebrad/src/components/sync/end_of_support.rs</c>).
/// Real blocks come a little faster or slower than the target, so the estimate drifts by hours per
/// month from the reference; move the reference forward when a release is added.
/// </summary>
public sealed class MainnetTip
{
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

    /// <summary>When the tip is estimated to reach <paramref name="height"/>.</summary>
    public DateTimeOffset TimeAt(long height) => ReferenceTime + ChainTiming.Span(Network.Mainnet, ReferenceHeight, height);

    /// <summary>The estimated tip height at <paramref name="moment"/>.</summary>
    public long HeightAt(DateTimeOffset moment)
    {
        const long nu7 = ChainTiming.MainnetNu7Activation;
        var nu7Time = TimeAt(nu7);
        var (fromHeight, fromTime) = (moment >= nu7Time) == (ReferenceHeight >= nu7)
            ? (ReferenceHeight, ReferenceTime)
            : (nu7, nu7Time);
        var spacing = moment >= nu7Time ? ChainTiming.SpacingFromNu7 : ChainTiming.SpacingBeforeNu7;
        return fromHeight + (long)Math.Floor((moment - fromTime) / spacing);
    }
}
