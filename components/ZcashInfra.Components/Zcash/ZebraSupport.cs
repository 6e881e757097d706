using System.Globalization;

namespace ZcashInfra.Components.Zcash;

/// <summary>Where a pinned zebrad stands against its end of support.</summary>
public enum SupportStatus
{
    /// <summary>Runs for more than <see cref="ZebraSupport.WarningWindow"/> yet, or the network is exempt.</summary>
    Supported,

    /// <summary>Halts within <see cref="ZebraSupport.WarningWindow"/>: a warning.</summary>
    EndingSoon,

    /// <summary>Past its end of support at the estimated tip: it refuses to start. An error.</summary>
    Ended,

    /// <summary>Its support window is not known here: a warning that says what to check.</summary>
    Unknown,
}

/// <summary>A pinned zebrad's standing and the sentence that explains it (empty when supported).</summary>
/// <param name="Status">The standing.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record SupportAssessment(SupportStatus Status, string Message);

/// <summary>
/// Judges a zebrad pin against its release's end of support (<see cref="ZebraReleases"/>) at the
/// mainnet tip estimated for a moment (<see cref="MainnetTip"/>). zebrad checks its end of support on
/// mainnet only (zebra <c>zebrad/src/components/sync/end_of_support.rs</c>, <c>start</c>): other
/// networks are always supported.
/// </summary>
public static class ZebraSupport
{
    /// <summary>How long before a release halts a pin of it draws a warning.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromDays(30);

    /// <summary>Assesses zebrad <paramref name="version"/> on <paramref name="network"/> at <paramref name="now"/>.</summary>
    public static SupportAssessment Assess(string version, Network network, DateTimeOffset now, MainnetTip? tip = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (network != Network.Mainnet)
        {
            return new(SupportStatus.Supported, string.Empty);
        }

        tip ??= MainnetTip.Recorded;
        var newest = ZebraReleases.Newest;
        var newestText = $"newest known: {newest.Version}, supported to height {Number(newest.EndOfSupportHeight)}";
        if (ZebraReleases.Find(version) is not { } release)
        {
            return new(SupportStatus.Unknown,
                $"the end of support of zebrad {version} is not known to this release: read ESTIMATED_RELEASE_HEIGHT and EOS_PANIC_AFTER in zebrad/src/components/sync/end_of_support.rs at that release " +
                "(or its release notes, its startup log 'Zebra release is supported until block N', or the getdeprecationinfo RPC) and add it to ZebraReleases; " +
                $"a mainnet zebrad refuses to run past that height ({newestText})");
        }

        var tipNow = tip.HeightAt(now);
        var halt = release.EndOfSupportHeight;
        var haltTime = tip.TimeAt(halt);
        if (tipNow > halt)
        {
            return new(SupportStatus.Ended,
                $"zebrad {release.Version} refuses to run on mainnet once the tip passes height {Number(halt)} (its end of support, {release.Source}); " +
                $"the tip is estimated at {Number(tipNow)} on {Day(now)}, so the node halts: pin a newer release ({newestText})");
        }

        if (haltTime - now <= WarningWindow)
        {
            return new(SupportStatus.EndingSoon,
                $"zebrad {release.Version} halts on mainnet after height {Number(halt)}, estimated {Day(haltTime)} (in {(haltTime - now).TotalDays.ToString("0", CultureInfo.InvariantCulture)} days; {release.Source}): " +
                (newest.EndOfSupportHeight > halt ? $"pin a newer release ({newestText})" : "no later release is known here yet; watch for the next one and pin it before then"));
        }

        return new(SupportStatus.Supported, string.Empty);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
