using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>A loopback URL nothing listens on: a port taken and released again, so connecting is refused.</summary>
    private static Uri RefusingUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static Uri ServeIndex(ArchiveServer server, string path, params long[] heights) =>
        server.Serve(path, Encoding.UTF8.GetBytes(FoundationSnapshot.Index([.. heights.Select(h => FoundationSnapshot.Entry($"zebra-{h}.tar.zst", h, 28, new string('b', 64), latest: false))])));

    [Fact]
    public async Task ANodeThatRefusesConnections_FallsBackToTheNewestIndexedHeightPlusTheBlocksAhead()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var ours = server.Url("ours/mainnet/snapshots.json");
        var theirs = ServeIndex(server, "zfnd/mainnet/snapshots.json", 3_600_000, 3_650_000);
        WriteMarker(dir.Combine("state"), 3_650_000);
        var output = dir.Combine("t");

        var result = await AgentRun.RunAsync(["target-height", "--output", output, "--height", "", "--rpc-url", RefusingUrl().ToString(), "--behind-tip", "1000",
            "--fallback-index", ours.ToString(), "--fallback-index", theirs.ToString(), "--fallback-ahead", "144", "--state", dir.Combine("state"), .. AgentRun.FastRetries()]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("3650144\n", File.ReadAllText(output));
        Assert.Contains($"FALLBACK: target height 3650144 decided by the index {theirs}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"fallback index {ours} skipped", result.Output, StringComparison.Ordinal);
        Assert.Single(server.RequestsFor("zfnd/mainnet/snapshots.json"));
    }

    [Fact]
    public async Task ANodeThatAcceptsButNeverAnswers_TimesOutAndFallsBack()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var index = ServeIndex(server, "ours/testnet/snapshots.json", 3_900_000);

        // The kernel completes the handshake into the backlog; nothing ever reads or answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";
        var output = dir.Combine("t");

        var result = await AgentRun.RunAsync(["target-height", "--output", output, "--rpc-url", url, "--behind-tip", "1000",
            "--fallback-index", index.ToString(), "--fallback-ahead", "24", .. AgentRun.FastRetries(attempts: 2)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("3900024\n", File.ReadAllText(output));
        Assert.Contains("no answer within 1 s", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFallbackTargetNotAboveTheRestoredSnapshot_IsStillRefused()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var index = ServeIndex(server, "ours/mainnet/snapshots.json", 3_600_000);
        WriteMarker(dir.Combine("state"), 3_600_100);

        var result = await AgentRun.RunAsync(["target-height", "--output", dir.Combine("t"), "--rpc-url", RefusingUrl().ToString(), "--behind-tip", "1000",
            "--fallback-index", index.ToString(), "--fallback-ahead", "100", "--state", dir.Combine("state"), .. AgentRun.FastRetries()]);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("target height 3600100 is not above the restored snapshot's height 3600100", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("t")));
    }

    [Fact]
    public async Task ANodeThatAnswers500_IsAnErrorAndTheIndexIsNotRead()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var index = ServeIndex(server, "ours/mainnet/snapshots.json", 3_600_000);
        await using var rpc = await FakeNodeRpc.StartAsync((500, "internal error"));

        var result = await AgentRun.RunAsync(["target-height", "--output", dir.Combine("t"), "--rpc-url", rpc.Url.ToString(), "--behind-tip", "1000",
            "--fallback-index", index.ToString(), "--fallback-ahead", "100", .. AgentRun.FastRetries()]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("HTTP 500", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, rpc.Requests.Count);
        Assert.Empty(server.RequestsFor("ours/mainnet/snapshots.json"));
        Assert.False(File.Exists(dir.Combine("t")));
    }

    [Fact]
    public async Task ANodeThatAnswers_DecidesAndTheFallbackIndexIsNotRead()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var index = ServeIndex(server, "ours/mainnet/snapshots.json", 3_900_000);
        await using var rpc = await FakeNodeRpc.StartAsync((200, FakeNodeRpc.Tip(3_700_000)));
        var output = dir.Combine("t");

        var result = await AgentRun.RunAsync("target-height", "--output", output, "--rpc-url", rpc.Url.ToString(), "--behind-tip", "1000",
            "--fallback-index", index.ToString(), "--fallback-ahead", "100");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("3699000\n", File.ReadAllText(output));
        Assert.Contains("decided by the node: tip 3700000", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FALLBACK", result.Output, StringComparison.Ordinal);
        Assert.Empty(server.RequestsFor("ours/mainnet/snapshots.json"));
    }

    [Fact]
    public async Task AnUnreachableNodeWithoutFallback_IsANetworkError()
    {
        using var dir = new TempDirectory();
        var result = await AgentRun.RunAsync(["target-height", "--output", dir.Combine("t"), "--rpc-url", RefusingUrl().ToString(), "--behind-tip", "1000", .. AgentRun.FastRetries()]);
        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("without any answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableNodeAndNoReadableFallbackIndex_IsANetworkErrorNamingBoth()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var missing = server.Url("ours/mainnet/snapshots.json");

        var result = await AgentRun.RunAsync(["target-height", "--output", dir.Combine("t"), "--rpc-url", RefusingUrl().ToString(), "--behind-tip", "1000",
            "--fallback-index", missing.ToString(), "--fallback-ahead", "100", .. AgentRun.FastRetries()]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("without any answer", result.Error, StringComparison.Ordinal);
        Assert.Contains($"no fallback index gives a height: {missing}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("t")));
    }

    [Theory]
    [InlineData("target-height --output /run/t --height $(TARGET_HEIGHT) --rpc-url http://zebra-rpc.zcash.svc.cluster.local:18232 --behind-tip 1000 --state /s")]
    [InlineData("target-height --output /run/t --height $(TARGET_HEIGHT) --rpc-url http://zebra-rpc.zcash.svc.cluster.local:18232 --behind-tip 1000 --fallback-index https://a.example/mainnet/snapshots.json --fallback-index s3://b/mainnet/snapshots.json --s3-region us-east-1 --fallback-ahead 144 --state /s")]
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
    [InlineData("target-height --output /t --rpc-url http://x:1 --behind-tip 5 --fallback-index https://a.example/s.json", "--fallback-index and --fallback-ahead go together")]
    [InlineData("target-height --output /t --height 5 --fallback-index https://a.example/s.json --fallback-ahead 5", "give --rpc-url too")]
    [InlineData("target-height --output /t --rpc-url http://x:1 --behind-tip 5 --fallback-index https://a.example/s.json --fallback-ahead 0", "--fallback-ahead")]
    [InlineData("target-height --output /t --rpc-url http://x:1 --behind-tip 5 --fallback-index ftp://a/s.json --fallback-ahead 5", "--fallback-index")]
    public void Parse_ReportsWhatIsWrong(string line, string expected)
    {
        Assert.Contains(AgentCli.Parse(line.Split(' ')), e => e.Contains(expected, StringComparison.Ordinal));
    }
}
