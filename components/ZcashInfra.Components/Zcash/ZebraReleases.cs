namespace ZcashInfra.Components.Zcash;

/// <summary>
/// One zebrad release's support window, as its own <c>zebrad/src/components/sync/end_of_support.rs</c>
/// sets it: on mainnet the node panics ("Zebra refuses to run") once the tip passes
/// <paramref name="EndOfSupportHeight"/>, on every start after that too. Testnet and regtest are exempt.
/// </summary>
/// <param name="Version">The release (image tag), e.g. <c>7.2.0</c>.</param>
/// <param name="EstimatedReleaseHeight"><c>ESTIMATED_RELEASE_HEIGHT</c>.</param>
/// <param name="EosPanicAfterDays"><c>EOS_PANIC_AFTER</c>, in days.</param>
/// <param name="EndOfSupportHeight">The last height it runs at: <c>ESTIMATED_RELEASE_HEIGHT</c> plus <c>EOS_PANIC_AFTER</c> days of blocks, as that release counts them.</param>
/// <param name="Source">Where the numbers were read.</param>
public sealed record ZebraRelease(string Version, long EstimatedReleaseHeight, int EosPanicAfterDays, long EndOfSupportHeight, string Source);

/// <summary>
/// The zebrad releases whose support window this project knows. Add each release you pin: read its
/// <c>end_of_support.rs</c> (docs.rs, <c>https://docs.rs/crate/zebrad/&lt;version&gt;/source/src/components/sync/end_of_support.rs</c>,
/// or the tag in ZcashFoundation/zebra) and its release notes, which state the halt height and date.
/// </summary>
public static class ZebraReleases
{
    /// <summary>Known releases, oldest first.</summary>
    public static IReadOnlyList<ZebraRelease> All { get; } =
    [
        // Counts 1,152 blocks a day (ESTIMATED_BLOCKS_PER_DAY, 75 s): 3,444,000 + 105 × 1,152.
        new("6.3.0", 3_444_000, 105, 3_564_960, "zebrad 6.3.0 src/components/sync/end_of_support.rs (docs.rs)"),

        // Counts days with NetworkChainTipHeightEstimator across NU7 (75 s, then 25 s); zebrad
        // 7.2.0's end_of_support.rs names 3,684,728 as "the height where 7.0.0 halts".
        new("7.0.0", 3_526_000, 56, 3_684_728, "zebrad 7.0.0 src/components/sync/end_of_support.rs (docs.rs); halt height from zebrad 7.2.0's"),

        // All after NU7 (3,456 blocks a day): 3,629,432 + 16 × 3,456. Release notes: "supported
        // until around 17 December 2026, block 3,684,728".
        new("7.2.0", 3_629_432, 16, 3_684_728, "zebrad 7.2.0 src/components/sync/end_of_support.rs (docs.rs); zebra v7.2.0 release notes"),
    ];

    /// <summary>The newest known release.</summary>
    public static ZebraRelease Newest => All[^1];

    /// <summary>The release named by an image tag (with or without a leading <c>v</c>), or null when it is not known here.</summary>
    public static ZebraRelease? Find(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var plain = version.StartsWith('v') ? version[1..] : version;
        return All.FirstOrDefault(r => string.Equals(r.Version, plain, StringComparison.Ordinal));
    }
}
