using ZcashInfra.Components.Scheduling;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.SnapshotJob;

public class SnapshotFreshnessTests
{
    [Fact]
    public void Mainnet_grows_3456_blocks_a_day_since_nu7_testnet_is_timed_at_1152_and_a_zebrad_cut_is_1000_blocks_deep()
    {
        Assert.Equal(3456, ChainTiming.BlocksPerDay(Network.Mainnet));
        Assert.Equal(1152, ChainTiming.BlocksPerDay(Network.Testnet));
        Assert.Equal(TimeSpan.FromDays(1), ChainTiming.Duration(Network.Mainnet, ChainTiming.BlocksPerDay(Network.Mainnet)));
        Assert.Equal(TimeSpan.FromDays(1), ChainTiming.Duration(Network.Testnet, ChainTiming.BlocksPerDay(Network.Testnet)));

        // zebra-chain 15.0.0 constants.rs: MAX_BLOCK_REORG_HEIGHT stays 1000 blocks, "about 20.8
        // hours before NU7 and about 6.9 hours of 25-second blocks after it".
        Assert.Equal(1000, ChainTiming.MinimumDepth(NodeImplementation.Zebrad));
        var depth = ChainTiming.DefaultDepth(NodeImplementation.Zebrad);
        Assert.Equal(TimeSpan.FromSeconds(25_000), ChainTiming.Duration(Network.Mainnet, depth));
        Assert.Equal("6.94 h", SnapshotFreshness.Hours(ChainTiming.Duration(Network.Mainnet, depth)));
        Assert.Equal(TimeSpan.FromMinutes(1250), ChainTiming.Duration(Network.Testnet, depth));
        Assert.Equal(100, ChainTiming.DefaultDepth(NodeImplementation.Zcashd));
    }

    [Fact]
    public void The_spacing_changes_at_nu7_on_mainnet_only()
    {
        const long nu7 = ChainTiming.MainnetNu7Activation;
        Assert.Equal(TimeSpan.FromSeconds(75), ChainTiming.Spacing(Network.Mainnet, nu7 - 1));
        Assert.Equal(TimeSpan.FromSeconds(25), ChainTiming.Spacing(Network.Mainnet, nu7));
        Assert.Equal(TimeSpan.FromSeconds(25), ChainTiming.TipSpacing(Network.Mainnet));

        // Testnet's NU7 height is not recorded: its blocks are timed at 75 s, which over-states ages.
        Assert.Null(ChainTiming.Nu7Activation(Network.Testnet));
        Assert.Equal(TimeSpan.FromSeconds(75), ChainTiming.Spacing(Network.Testnet, nu7 + 1_000_000));
        Assert.Equal(TimeSpan.FromSeconds(75), ChainTiming.TipSpacing(Network.Testnet));

        // 1000 blocks of 75 s, then 1000 of 25 s; backwards is the negative.
        Assert.Equal(TimeSpan.FromSeconds(100_000), ChainTiming.Span(Network.Mainnet, nu7 - 1000, nu7 + 1000));
        Assert.Equal(TimeSpan.FromSeconds(-100_000), ChainTiming.Span(Network.Mainnet, nu7 + 1000, nu7 - 1000));
        Assert.Equal(TimeSpan.FromSeconds(150_000), ChainTiming.Span(Network.Testnet, nu7 - 1000, nu7 + 1000));
    }

    [Fact]
    public void The_worked_numbers_of_the_readme_hold()
    {
        var daily = CronSchedule.Parse("30 2 * * *");
        var sixHourly = CronSchedule.Parse("0 */6 * * *");
        var mainnetDeadline = SnapshotJobSizing.DefaultDeadline(Network.Mainnet);
        var testnetDeadline = SnapshotJobSizing.DefaultDeadline(Network.Testnet);

        // dev: testnet, daily, 2 h deadline: 20.83 + 24 + 0.17 + 2 = 47 h (2,256 blocks of 75 s).
        var dev = SnapshotFreshness.WorstAge(Network.Testnet, daily, 1000, testnetDeadline);
        Assert.Equal(TimeSpan.FromHours(47), dev);
        Assert.Equal(2256, dev / ChainTiming.TipSpacing(Network.Testnet));

        // prod: every 6 hours; mainnet 4 h deadline: 6.94 + 6 + 0.17 + 4 = 17.11 h (2,464 blocks
        // of 25 s); testnet 2 h: 29 h (1,392 blocks of 75 s).
        var prodMainnet = SnapshotFreshness.WorstAge(Network.Mainnet, sixHourly, 1000, mainnetDeadline);
        Assert.Equal(TimeSpan.FromSeconds(61_600), prodMainnet);
        Assert.Equal("17.11 h", SnapshotFreshness.Hours(prodMainnet));
        Assert.Equal(2464, prodMainnet / ChainTiming.TipSpacing(Network.Mainnet));
        var prodTestnet = SnapshotFreshness.WorstAge(Network.Testnet, sixHourly, 1000, testnetDeadline);
        Assert.Equal(TimeSpan.FromHours(29), prodTestnet);
        Assert.Equal(1392, prodTestnet / ChainTiming.TipSpacing(Network.Testnet));

        // The maxAgeHours default, 48, holds a daily zebrad cut on either network with its default
        // deadline: mainnet 6.94 + 24 + 0.17 + 4 = 35.11 h, testnet 47 h.
        Assert.Equal("35.11 h", SnapshotFreshness.Hours(SnapshotFreshness.WorstAge(Network.Mainnet, daily, 1000, mainnetDeadline)));
        Assert.Empty(SnapshotFreshness.Problems(Network.Mainnet, daily, 1000, mainnetDeadline, TimeSpan.FromHours(48)));
        Assert.Empty(SnapshotFreshness.Problems(Network.Testnet, daily, 1000, testnetDeadline, TimeSpan.FromHours(48)));
        Assert.NotEmpty(SnapshotFreshness.Problems(Network.Testnet, daily, 1000, testnetDeadline, TimeSpan.FromHours(46)));
    }

    [Fact]
    public void A_schedule_that_cannot_keep_the_age_says_why_in_numbers()
    {
        var weekdays = CronSchedule.Parse("0 3 * * 1-5");
        Assert.Equal(
            ["cannot keep snapshots within 48 h of the tip: at worst 81.11 h = 1000 blocks behind the tip (6.94 h at 25 s) + longest gap between runs of '0 3 * * 1-5' (72 h) + starting deadline (0.17 h) + run deadline (2 h)"],
            SnapshotFreshness.Problems(Network.Mainnet, weekdays, 1000, TimeSpan.FromHours(2), TimeSpan.FromHours(48)).ToList());
        Assert.Equal(
            ["cannot keep snapshots within 48 h of the tip: at worst 95 h = 1000 blocks behind the tip (20.83 h at 75 s) + longest gap between runs of '0 3 * * 1-5' (72 h) + starting deadline (0.17 h) + run deadline (2 h)"],
            SnapshotFreshness.Problems(Network.Testnet, weekdays, 1000, TimeSpan.FromHours(2), TimeSpan.FromHours(48)).ToList());
        Assert.Empty(SnapshotFreshness.Problems(Network.Testnet, CronSchedule.Parse("0 3 * * *"), 1000, TimeSpan.FromHours(2), TimeSpan.FromHours(48)));
        Assert.Empty(SnapshotFreshness.Problems(Network.Testnet, weekdays, 1000, TimeSpan.FromHours(2), null));
    }

    [Fact]
    public void A_run_longer_than_the_shortest_gap_would_make_forbid_skip_the_next()
    {
        Assert.Equal(
            ["the deadline (4 h) is longer than the shortest gap between runs of '0 1,3 * * *' (2 h): a run could still be going when the next is due, and Forbid would skip that one"],
            SnapshotFreshness.Problems(Network.Mainnet, CronSchedule.Parse("0 1,3 * * *"), 1000, TimeSpan.FromHours(4), null));
    }
}
