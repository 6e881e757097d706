using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Zcash;

/// <summary>
/// zebrad's support windows (zebra <c>zebrad/src/components/sync/end_of_support.rs</c> per release)
/// and the mainnet tip estimate they are judged at (ZIP 208 75 s, ZIP 218 25 s from NU7).
/// </summary>
public class ZebraSupportTests
{
    private static readonly DateTimeOffset December6 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("6.3.0", 1152)]
    [InlineData("7.2.0", 3456)]
    public void Recorded_halt_heights_follow_from_the_releases_own_constants(string version, int blocksPerDay)
    {
        // 6.3.0 counts ESTIMATED_BLOCKS_PER_DAY = 86,400 / 75; 7.2.0's window lies after NU7 (86,400 / 25).
        var release = ZebraReleases.Find(version)!;
        Assert.Equal(release.EstimatedReleaseHeight + ((long)release.EosPanicAfterDays * blocksPerDay), release.EndOfSupportHeight);
    }

    [Fact]
    public void A_window_across_nu7_counts_both_spacings_as_zebrad_7_does()
    {
        // 7.0.0: 3,526,000 + 56 days through NU7 at 3,543,405; zebrad 7.2.0 records the result, 3,684,728.
        var release = ZebraReleases.Find("7.0.0")!;
        var tip = new MainnetTip(release.EstimatedReleaseHeight, December6);
        var estimated = tip.HeightAt(December6.AddDays(release.EosPanicAfterDays));
        Assert.InRange(estimated, release.EndOfSupportHeight - 5, release.EndOfSupportHeight + 5);
    }

    [Fact]
    public void The_tip_estimate_uses_75_s_before_nu7_and_25_s_after_it()
    {
        var tip = MainnetTip.Recorded;
        Assert.Equal(3_590_000, tip.HeightAt(tip.ReferenceTime));
        Assert.Equal(3_590_000 + 3456, tip.HeightAt(tip.ReferenceTime.AddDays(1)));

        // Backwards across NU7: 46,595 blocks of 25 s, then 75 s blocks.
        var nu7 = tip.TimeAt(ChainTiming.MainnetNu7Activation);
        Assert.Equal(tip.ReferenceTime - TimeSpan.FromSeconds(46_595 * 25), nu7);
        Assert.Equal(ChainTiming.MainnetNu7Activation - 1152, tip.HeightAt(nu7.AddDays(-1)));
        Assert.Equal(nu7.AddDays(-1), tip.TimeAt(ChainTiming.MainnetNu7Activation - 1152));
    }

    [Fact]
    public void The_recorded_reference_agrees_with_the_dates_zebra_publishes()
    {
        // zebra v7.2.0 release notes: supported "until around 17 December 2026, block 3,684,728".
        var halt = MainnetTip.Recorded.TimeAt(3_684_728);
        Assert.InRange(halt, new DateTimeOffset(2026, 12, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 18, 0, 0, 0, TimeSpan.Zero));

        // zebra v7.0.0 released 22 October 2026 with NU7 at 3,543,405 ahead: NU7 came in early November.
        Assert.Equal(11, MainnetTip.Recorded.TimeAt(ChainTiming.MainnetNu7Activation).Month);
    }

    [Fact]
    public void A_release_past_its_end_of_support_is_an_error_naming_the_halt_height()
    {
        var result = ZebraSupport.Assess("6.3.0", Network.Mainnet, December6);
        Assert.Equal(SupportStatus.Ended, result.Status);
        Assert.Contains("refuses to run on mainnet once the tip passes height 3,564,960", result.Message, StringComparison.Ordinal);
        Assert.Contains("newest known: 7.2.0", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_within_30_days_of_its_end_of_support_is_a_warning_and_earlier_it_passes()
    {
        Assert.Equal(SupportStatus.EndingSoon, ZebraSupport.Assess("7.2.0", Network.Mainnet, December6).Status);
        Assert.Equal(SupportStatus.Supported, ZebraSupport.Assess("7.2.0", Network.Mainnet, new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero)).Status);
        Assert.Equal(SupportStatus.Ended, ZebraSupport.Assess("v7.2.0", Network.Mainnet, new DateTimeOffset(2026, 12, 18, 0, 0, 0, TimeSpan.Zero)).Status);
    }

    [Theory]
    [InlineData(Network.Testnet)]
    [InlineData(Network.Regtest)]
    public void Test_networks_are_exempt(Network network)
    {
        Assert.Equal(SupportStatus.Supported, ZebraSupport.Assess("6.3.0", network, December6).Status);
        Assert.Equal(SupportStatus.Supported, ZebraSupport.Assess("9.9.9", network, December6).Status);
    }

    [Fact]
    public void An_unknown_release_is_a_warning_that_says_what_to_check()
    {
        var result = ZebraSupport.Assess("7.3.0", Network.Mainnet, December6);
        Assert.Equal(SupportStatus.Unknown, result.Status);
        Assert.Contains("ESTIMATED_RELEASE_HEIGHT and EOS_PANIC_AFTER in zebrad/src/components/sync/end_of_support.rs", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_known_release_has_a_known_database_major()
    {
        Assert.All(ZebraReleases.All, r => Assert.NotNull(NodeVersions.ZebraDbMajor(r.Version)));
        Assert.Equal(29, NodeVersions.ZebraDbMajor("7.2.0"));
        Assert.Equal(28, NodeVersions.ZebraDbMajor("6.3.0"));
    }
}
