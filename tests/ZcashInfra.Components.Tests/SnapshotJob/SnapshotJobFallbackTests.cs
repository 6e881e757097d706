using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.SnapshotJob;

/// <summary>
/// The target step's fallback for a tip node set that gives no answer (a fresh cluster whose node
/// set waits for the volume snapshot a cut creates): rendered only with a tip node, from the
/// restore's own indexes, N blocks derived from the deadline and the chain's spacing.
/// </summary>
public class SnapshotJobFallbackTests
{
    private static string[] TargetStep(Func<string, SnapshotJobArgs> args, Func<SnapshotJobArgs, SnapshotJobArgs>? change = null)
    {
        var pod = SnapshotJobs.PodSpec(SnapshotJobs.Declare("snapshot", args, change).Graph);
        var step = pod["initContainers"]!.AsArray().Single(c => c!["args"] is { } a && a[0]!.GetValue<string>() == "target-height")!;
        return SnapshotJobs.Strings(step["args"]!);
    }

    private static string After(string[] args, string option) => args[Array.IndexOf(args, option) + 1];

    [Theory]
    [InlineData(Network.Mainnet, 4, false, 144)]
    [InlineData(Network.Mainnet, 5, true, 144)]
    [InlineData(Network.Testnet, 2, false, 24)]
    [InlineData(Network.Testnet, 3, false, 36)]
    public void The_blocks_ahead_wait_at_most_a_quarter_of_the_run_at_the_tips_spacing(Network network, int deadlineHours, bool volumeSnapshots, long expected)
    {
        var ahead = SnapshotJobSizing.FallbackAhead(network, TimeSpan.FromHours(deadlineHours), volumeSnapshots);
        Assert.Equal(expected, ahead);
        var run = TimeSpan.FromHours(deadlineHours) - (volumeSnapshots ? SnapshotJobSizing.VolumeSnapshotTimeout : TimeSpan.Zero);
        Assert.True(ChainTiming.TipSpacing(network) * ahead <= run / SnapshotJobSizing.FallbackWaitShareDivisor);
    }

    [Fact]
    public void The_mainnet_cut_falls_back_to_its_restore_indexes_and_region()
    {
        var args = TargetStep(SnapshotJobs.ZebradMainnet, a => a with { RestoreIndexes = [new Uri(SnapshotJobs.ProdBucket + "/mainnet/snapshots.json"), FoundationSnapshots.Index(Network.Mainnet)!] });
        Assert.Equal(["s3://zcash-infra-prod-snapshots/mainnet/snapshots.json", "https://snapshots.zfnd.org/mainnet/snapshots.json"],
            args.Select((a, i) => (a, i)).Where(p => p.a == "--fallback-index").Select(p => args[p.i + 1]));
        Assert.Equal("144", After(args, "--fallback-ahead"));
        Assert.Equal("us-east-1", After(args, "--s3-region"));
    }

    [Fact]
    public void A_longer_deadline_allows_more_blocks_ahead()
    {
        var args = TargetStep(SnapshotJobs.ZcashdTestnet);
        Assert.Equal("36", After(args, "--fallback-ahead"));
        Assert.Equal("https://snapshots.example.org/testnet/snapshots.json", After(args, "--fallback-index"));
    }

    [Fact]
    public void A_cut_to_an_explicit_height_renders_no_node_and_no_fallback()
    {
        var args = TargetStep(SnapshotJobs.ZebradMainnet, a => a with { Target = new SnapshotJobTarget { Height = 3_700_000 }, Suspend = true });
        Assert.DoesNotContain("--rpc-url", args);
        Assert.DoesNotContain("--fallback-index", args);
        Assert.DoesNotContain("--fallback-ahead", args);
    }
}
