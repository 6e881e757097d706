using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>create, checked with the tools readers use: GNU tar, zstd, sha256sum.</summary>
public class CreateTests
{
    [Fact]
    public async Task Zebra_ArchiveIsReadableByGnuTarAndSha256sum_AndRestoresToTheSameTree()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("cache"));
        Directory.CreateDirectory(dir.Combine("cache", "state", "v28", "testnet"));
        File.WriteAllText(dir.Combine("cache", "state", "v28", "testnet", "x"), "another network: not packed");
        File.CreateSymbolicLink(dir.Combine("cache", "state", "v28", "mainnet", "CURRENT.link"), "CURRENT");
        var output = dir.Combine("out", "zebra-mainnet-v28-h123.tar.zst");

        var result = await AgentRun.RunAsync("create", "--source", source, "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", "--height", "123", "--output", output, "--zebrad-version", "6.3.0");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("OK", Tools.Run("sha256sum", Path.GetDirectoryName(output)!, "-c", Path.GetFileName(output) + ".sha256"), StringComparison.Ordinal);
        var listing = Tools.Run("tar", dir.Path, "--zstd", "-tf", output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("state/v28/mainnet/000000.sst", listing);
        Assert.DoesNotContain(listing, l => l.Contains("testnet", StringComparison.Ordinal));
        Assert.Equal("state", listing[0].TrimEnd('/'));

        var extracted = dir.Combine("gnu");
        Directory.CreateDirectory(extracted);
        Tools.Run("tar", extracted, "--zstd", "-xf", output);
        Assert.Equal(StateTrees.Snapshot(Path.Combine(source, "state", "v28", "mainnet")), StateTrees.Snapshot(Path.Combine(extracted, "state", "v28", "mainnet")));

        var manifest = SnapshotJson.ParseManifest(File.ReadAllText(output + ".manifest.json"));
        Assert.Equal(("mainnet", "zebrad", 123L, 28, "zstd", "6.3.0"), (manifest.Network, manifest.Implementation, manifest.Height, manifest.DbMajor, manifest.Format, manifest.ZebradVersion));
        Assert.Equal(new FileInfo(output).Length, manifest.Size);
        Assert.Equal(Tools.Run("sha256sum", dir.Path, output).Split(' ')[0], manifest.Sha256);
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public async Task Zcashd_LeavesOutLocksCookiesPidsWalletsAndConfig()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zcashd(dir.Combine("zcash"));
        var output = dir.Combine("z.tar.gz");

        var result = await AgentRun.RunAsync("create", "--source", source, "--network", "regtest", "--implementation", "zcashd", "--db-major", "1", "--height", "10", "--output", output, "--txindex");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var files = Tools.Run("tar", dir.Path, "-tzf", output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith('/')).ToList();
        Assert.Equal(["blocks/blk00000.dat", "blocks/index/000003.ldb", "chainstate/000004.ldb"], files.Order(StringComparer.Ordinal));
        Assert.Equal(new ZcashdFlags(true, false, false), SnapshotJson.ParseManifest(File.ReadAllText(output + ".manifest.json")).Flags);
    }

    [Fact]
    public async Task Zcashd_StillRunning_IsRefused()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zcashd(dir.Combine("zcash"));
        File.WriteAllText(Path.Combine(source, "zcashd.pid"), "42");

        var result = await AgentRun.RunAsync("create", "--source", source, "--network", "regtest", "--implementation", "zcashd", "--db-major", "1", "--height", "10", "--output", dir.Combine("z.tar.zst"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("still running", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("z.tar.zst")));
    }

    [Fact]
    public async Task WrongDbMajor_SaysWhatIsThere()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("cache"), major: 27);

        var result = await AgentRun.RunAsync("create", "--source", source, "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", "--height", "1", "--output", dir.Combine("a.tar.zst"));

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("state/v27/mainnet", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("a.tar.zst")));
    }
}
