using ZcashInfra.Components.Scheduling;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.SnapshotJob;

public class SnapshotFreshnessTests
{
    [Fact]
    public void The_chain_grows_1152_blocks_a_day_and_a_zebrad_cut_is_1000_blocks_deep()
    {
        Assert.Equal(TimeSpan.FromDays(1), ChainTiming.Duration(ChainTiming.BlocksPerDay));
        Assert.Equal(1000, ChainTiming.MinimumDepth(NodeImplementation.Zebrad));
        Assert.Equal(TimeSpan.FromMinutes(1250), ChainTiming.Duration(ChainTiming.DefaultDepth(NodeImplementation.Zebrad)));
        Assert.Equal(100, ChainTiming.DefaultDepth(NodeImplementation.Zcashd));
    }

    [Fact]
    public void The_worked_numbers_of_the_readme_hold()
    {
        // dev: testnet, daily, 2 h deadline: 20.83 + 24 + 0.17 + 2 = 47 h.
        var dev = SnapshotFreshness.WorstAge(CronSchedule.Parse("30 2 * * *"), 1000, SnapshotJobSizing.DefaultDeadline(Network.Testnet));
        Assert.Equal(TimeSpan.FromHours(47), dev);

        // prod: every 6 hours; mainnet 4 h deadline: 31 h; testnet 2 h: 29 h.
        Assert.Equal(TimeSpan.FromHours(31), SnapshotFreshness.WorstAge(CronSchedule.Parse("0 */6 * * *"), 1000, SnapshotJobSizing.DefaultDeadline(Network.Mainnet)));
        Assert.Equal(TimeSpan.FromHours(29), SnapshotFreshness.WorstAge(CronSchedule.Parse("0 */6 * * *"), 1000, SnapshotJobSizing.DefaultDeadline(Network.Testnet)));
    }

    [Fact]
    public void A_schedule_that_cannot_keep_the_age_says_why_in_numbers()
    {
        var problems = SnapshotFreshness.Problems(CronSchedule.Parse("0 3 * * 1-5"), 1000, TimeSpan.FromHours(2), TimeSpan.FromHours(48)).ToList();
        Assert.Equal(
            ["cannot keep snapshots within 48 h of the tip: at worst 95 h = 1000 blocks behind the tip (20.83 h) + longest gap between runs of '0 3 * * 1-5' (72 h) + starting deadline (0.17 h) + run deadline (2 h)"],
            problems);
        Assert.Empty(SnapshotFreshness.Problems(CronSchedule.Parse("0 3 * * *"), 1000, TimeSpan.FromHours(2), TimeSpan.FromHours(48)));
        Assert.Empty(SnapshotFreshness.Problems(CronSchedule.Parse("0 3 * * 1-5"), 1000, TimeSpan.FromHours(2), null));
    }

    [Fact]
    public void A_run_longer_than_the_shortest_gap_would_make_forbid_skip_the_next()
    {
        Assert.Equal(
            ["the deadline (4 h) is longer than the shortest gap between runs of '0 1,3 * * *' (2 h): a run could still be going when the next is due, and Forbid would skip that one"],
            SnapshotFreshness.Problems(CronSchedule.Parse("0 1,3 * * *"), 1000, TimeSpan.FromHours(4), null));
    }
}
