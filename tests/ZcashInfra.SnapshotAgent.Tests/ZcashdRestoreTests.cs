using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>zcashd snapshots: the -txindex/-insightexplorer/-lightwalletd flags must match, checked before downloading.</summary>
public class ZcashdRestoreTests
{
    private static async Task<(string Archive, string Index)> PublishAsync(TempDirectory dir, params string[] flags)
    {
        var source = StateTrees.Zcashd(dir.Combine("zcash"));
        var archive = dir.Combine("store-src", "z.tar.zst");
        var created = await AgentRun.RunAsync(["create", "--source", source, "--network", "regtest", "--implementation", "zcashd", "--db-major", "1", "--height", "10", "--output", archive, .. flags]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var published = await AgentRun.RunAsync("publish", "--to", new Uri(dir.Combine("store")).ToString(), "--archive", archive);
        Assert.True(published.ExitCode == 0, published.ToString());
        return (archive, new Uri(dir.Combine("store", "regtest", "snapshots.json")).ToString());
    }

    [Fact]
    public async Task MatchingFlags_Restore_WithoutWalletOrLocks()
    {
        using var dir = new TempDirectory();
        var (_, index) = await PublishAsync(dir, "--txindex", "--lightwalletd");
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync("restore", "--index", index, "--network", "regtest", "--implementation", "zcashd", "--db-major", "1", "--txindex", "--lightwalletd", "--target", target);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(StateTrees.Snapshot(dir.Combine("zcash", "chainstate")), StateTrees.Snapshot(Path.Combine(target, "chainstate")));
        Assert.True(File.Exists(Path.Combine(target, "blocks", "index", "000003.ldb")));
        Assert.False(File.Exists(Path.Combine(target, "blocks", ".lock")));
        Assert.False(File.Exists(Path.Combine(target, "wallet.dat")));
    }

    [Fact]
    public async Task DifferentFlags_AreRefusedBeforeDownloading()
    {
        using var dir = new TempDirectory();
        var (archive, index) = await PublishAsync(dir, "--txindex");
        var target = dir.Combine("target");
        File.Delete(dir.Combine("store", "regtest", Path.GetFileName(archive))); // a download attempt would now fail differently

        var result = await AgentRun.RunAsync("restore", "--index", index, "--network", "regtest", "--implementation", "zcashd", "--db-major", "1", "--txindex", "--insightexplorer", "--target", target);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("reindex", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(target, "blocks")));
    }
}
