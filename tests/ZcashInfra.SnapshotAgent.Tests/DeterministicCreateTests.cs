using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>create's archives identify the state (same state, same bytes) and are never overwritten by accident.</summary>
public class DeterministicCreateTests
{
    private static string[] Create(string source, string output, params string[] more) =>
        ["create", "--source", source, "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", "--height", "123", "--output", output, .. more];

    [Theory]
    [InlineData("tar.zst")]
    [InlineData("tar")]
    public async Task SameStatePackedTwice_AfterTouchingTimesAndModes_GivesTheSameBytes(string suffix)
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("cache"), files: 3, fileSize: 100_000);
        var first = dir.Combine("a", "zebra-mainnet-h123." + suffix);
        var second = dir.Combine("b", "zebra-mainnet-h123." + suffix);

        var one = await AgentRun.RunAsync(Create(source, first));
        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());

        // Every time (files and directories) moves, and a file's mode changes: none of it is state.
        var later = DateTime.UtcNow.AddHours(3);
        foreach (var path in Directory.EnumerateFileSystemEntries(source, "*", SearchOption.AllDirectories).Append(source))
        {
            File.SetLastWriteTimeUtc(path, later);
            File.SetLastAccessTimeUtc(path, later);
        }

        Tools.Run("chmod", source, "600", Path.Combine("state", "v28", "mainnet", "000001.sst"));
        var two = await AgentRun.RunAsync(Create(source, second));
        Assert.True(two.ExitCode == ExitCodes.Ok, two.ToString());

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(File.ReadAllText(first + ".sha256").Split(' ')[0], File.ReadAllText(second + ".sha256").Split(' ')[0]);

        // What GNU tar lists: owner 0/0, fixed modes, the epoch as time.
        var listing = Tools.Run("tar", dir.Path, "--numeric-owner", "-tvf", first, "--utc").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(listing, line => Assert.Contains(" 0/0 ", line, StringComparison.Ordinal));
        Assert.All(listing, line => Assert.Contains("1970-01-01 00:00", line, StringComparison.Ordinal));
        Assert.All(listing, line => Assert.Matches(line.StartsWith('d') ? "^drwxr-xr-x" : "^-rw-r--r--", line));
    }

    [Fact]
    public async Task ExistingArchive_IsRefusedWithUsageError_UnlessForced()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("cache"), files: 2, fileSize: 10_000);
        var output = dir.Combine("zebra-mainnet-h123.tar.zst");
        File.WriteAllText(output, "an archive someone else made");

        var refused = await AgentRun.RunAsync(Create(source, output));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        RestoreAssert.OneErrorLine(refused, "--force");
        Assert.Equal("an archive someone else made", File.ReadAllText(output));
        Assert.False(File.Exists(output + ".sha256"));
        Assert.False(File.Exists(output + ".manifest.json"));

        var forced = await AgentRun.RunAsync(Create(source, output, "--force"));

        Assert.True(forced.ExitCode == ExitCodes.Ok, forced.ToString());
        Assert.Equal(Tools.Sha256Sum(output), File.ReadAllText(output + ".sha256").Split(' ')[0]);
    }
}
