using System.Text.Json.Nodes;
using ZcashInfra.SnapshotAgent.Cli;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>target-height: the snapshot job's decision of where its node stops, against a real HTTP JSON-RPC endpoint.</summary>
public class TargetHeightTests
{
    private static void WriteMarker(string state, long height)
    {
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, RestoreMarker.FileName), SnapshotJson.WriteMarker(new RestoreMarker
        {
            Url = "https://snapshots.example/testnet/zebra-" + height + ".tar.zst",
            Sha256 = new string('a', 64),
            Height = height,
            DbMajor = 28,
            Network = "testnet",
            Implementation = "zebrad",
            RestoredAt = DateTimeOffset.UnixEpoch,
        }));
    }

    [Fact]
    public async Task WithoutAHeight_TheTargetIsTheNodesTipMinusTheGivenBlocks()
    {
        using var dir = new TempDirectory();
        await using var rpc = await FakeNodeRpc.StartAsync((200, FakeNodeRpc.Tip(3_700_000)));
        WriteMarker(dir.Combine("state"), 3_690_000);
        var output = dir.Combine("target-height");

        var result = await AgentRun.RunAsync("target-height", "--output", output, "--height", "", "--rpc-url", rpc.Url.ToString(), "--behind-tip", "1000", "--state", dir.Combine("state"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("3699000\n", File.ReadAllText(output));
        var (contentType, body) = Assert.Single(rpc.Requests);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal("getblockchaininfo", JsonNode.Parse(body)!["method"]!.GetValue<string>());
        Assert.Contains("tip 3700000", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExplicitHeight_WinsAndTheNodeIsNotAsked()
    {
        using var dir = new TempDirectory();
        await using var rpc = await FakeNodeRpc.StartAsync((200, FakeNodeRpc.Tip(3_700_000)));
        var output = dir.Combine("target-height");

        var result = await AgentRun.RunAsync("target-height", "--output", output, "--height", "3650000", "--rpc-url", rpc.Url.ToString(), "--behind-tip", "1000");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("3650000\n", File.ReadAllText(output));
        Assert.Empty(rpc.Requests);
    }

    [Fact]
    public async Task ATargetNotAboveTheRestoredSnapshot_IsRefusedAndNothingIsWritten()
    {
        using var dir = new TempDirectory();
        WriteMarker(dir.Combine("state"), 3_650_000);
        var output = dir.Combine("target-height");

        var result = await AgentRun.RunAsync("target-height", "--output", output, "--height", "3650000", "--state", dir.Combine("state"));

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("target height 3650000 is not above the restored snapshot's height 3650000", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("$(TARGET_HEIGHT)")]
    [InlineData("12ab")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task AHeightThatIsNoBlockHeight_IsAUsageError(string height)
    {
        using var dir = new TempDirectory();
        var result = await AgentRun.RunAsync("target-height", "--output", dir.Combine("t"), "--height", height);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--height must be a block height ≥ 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHeightAndNoNode_IsAUsageError()
    {
        using var dir = new TempDirectory();
        var result = await AgentRun.RunAsync("target-height", "--output", dir.Combine("t"), "--height", "");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("give --rpc-url and --behind-tip", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANodeThatFailsThenAnswers_IsRetried()
    {
        using var dir = new TempDirectory();
        await using var rpc = await FakeNodeRpc.StartAsync((503, "busy"), (200, FakeNodeRpc.Tip(5_000)));
        var output = dir.Combine("t");

        var result = await AgentRun.RunAsync(["target-height", "--output", output, "--rpc-url", rpc.Url.ToString(), "--behind-tip", "100", .. AgentRun.FastRetries()]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("4900\n", File.ReadAllText(output));
        Assert.Equal(2, rpc.Requests.Count);
    }

    [Fact]
    public async Task ANodeThatAnswersSomethingElse_FailsAsANetworkErrorNamingIt()
    {
        using var dir = new TempDirectory();
        await using var rpc = await FakeNodeRpc.StartAsync((200, """{"result":null,"error":{"code":-32601,"message":"Method not found"}}"""));

        var result = await AgentRun.RunAsync(["target-height", "--output", dir.Combine("t"), "--rpc-url", rpc.Url.ToString(), "--behind-tip", "100", .. AgentRun.FastRetries()]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("did not answer getblockchaininfo with a block height", result.Error, StringComparison.Ordinal);
        Assert.Contains("Method not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATipBelowTheBlocksBehind_IsNoTarget()
    {
        using var dir = new TempDirectory();
        await using var rpc = await FakeNodeRpc.StartAsync((200, FakeNodeRpc.Tip(500)));
        var result = await AgentRun.RunAsync("target-height", "--output", dir.Combine("t"), "--rpc-url", rpc.Url.ToString(), "--behind-tip", "1000");
        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("1000 blocks below it is no block", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("target-height --output /run/t --height $(TARGET_HEIGHT) --rpc-url http://zebra-rpc.zcash.svc.cluster.local:18232 --behind-tip 1000 --state /s")]
    [InlineData("target-height --output /run/t --height 3650000")]
    public void Parse_AcceptsTheSnapshotJobsCommandLines(string line)
    {
        Assert.Empty(AgentCli.Parse(line.Split(' ')));
        Assert.Empty(AgentCli.Parse(["target-height", "--output", "/run/t", "--height", ""]));
    }

    [Theory]
    [InlineData("target-height --height 5", "--output")]
    [InlineData("target-height --output /t --rpc-url http://x:1", "--rpc-url and --behind-tip go together")]
    [InlineData("target-height --output /t --rpc-url ftp://x --behind-tip 5", "--rpc-url must be an absolute http(s)://")]
    [InlineData("target-height --output /t --rpc-url http://x:1 --behind-tip -1", "--behind-tip must be ≥ 0")]
    public void Parse_ReportsWhatIsWrong(string line, string expected)
    {
        Assert.Contains(AgentCli.Parse(line.Split(' ')), e => e.Contains(expected, StringComparison.Ordinal));
    }
}
