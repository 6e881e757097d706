using System.Text.Json.Nodes;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// publish --to ipfs+http://: against doubles on 127.0.0.1 that speak the documented Kubo RPC
/// /api/v0/add and Pinning Service API exchanges (no IPFS node runs here), then restore through a
/// gateway double serving what the Kubo double was given.
/// </summary>
public class IpfsPublishTests
{
    private static string Store(TempDirectory dir) => new Uri(dir.Combine("store")).ToString();

    private static List<SnapshotIndexEntry> ReadIndex(TempDirectory dir) =>
        SnapshotJson.ParseIndex(File.ReadAllText(Path.Combine(dir.Combine("store"), "mainnet", "snapshots.json")));

    [Fact]
    public async Task PublishToKubo_LogsAddProgressAtTheInterval()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        var archive = Snapshots.Create(dir, 100, files: 6, fileSize: 1 << 20);

        var result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", archive, "--progress-interval-seconds", "0.000001");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        ProgressLines.AssertPartWayAndDone(result.Output, $"add to IPFS {kubo.Url.GetLeftPart(UriPartial.Authority)} {Path.GetFileName(archive)}");
    }

    [Fact]
    public async Task PublishToKubo_IndexNamesTheNodesCid_AndRestoreThroughAGatewayGetsTheTree()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        await using var gateway = await ArchiveServer.StartAsync();
        var archive = Snapshots.Create(dir, 100);

        var result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", archive);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var add = kubo.Requests.Where(r => r.PathAndQuery.StartsWith("/api/v0/add", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, add.Count);
        Assert.All(add, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Contains("cid-version=1", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("raw-leaves=true", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("pin=true", r.PathAndQuery, StringComparison.Ordinal);
        });
        Assert.Equal([Path.GetFileName(archive)], add[0].FileNames);
        var bytes = File.ReadAllBytes(archive);
        var cid = FakeKuboRpc.CidOf(bytes);
        var entry = Assert.Single(ReadIndex(dir));
        Assert.Equal(cid, entry.Cid);
        Assert.Equal($"ipfs://{cid}", entry.Url);
        Assert.Equal($"ipfs://{FakeKuboRpc.CidOf(File.ReadAllBytes(archive + ".manifest.json"))}", entry.ManifestUrl);
        Assert.Equal(SnapshotJson.ParseManifest(File.ReadAllText(archive + ".manifest.json")).Sha256, entry.Sha256);
        Assert.False(Directory.Exists(Path.Combine(dir.Combine("store"), "mainnet", Path.GetFileName(archive))), "the archive goes to IPFS, not the store");
        Assert.Contains(cid, result.Output, StringComparison.Ordinal);

        foreach (var (added, content) in kubo.Added)
        {
            gateway.Serve($"ipfs/{added}", content);
        }

        var target = dir.Combine("target");
        var restored = await AgentRun.RunAsync(["restore", "--index", new Uri(Path.Combine(dir.Combine("store"), "mainnet", "snapshots.json")).ToString(), "--ipfs-gateway", gateway.BaseUrl.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);
        Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
        // System.Uri writes an authority with an empty path as "ipfs://<cid>/": the same address.
        Assert.Equal($"ipfs://{cid}", SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName))).Url.TrimEnd('/'));
        RestoreAssert.Tidy(target);
        Assert.NotEmpty(gateway.RequestsFor($"/ipfs/{cid}"));
    }

    [Fact]
    public async Task IndexEntriesWithFieldsWeDoNotKnow_SurviveAnIpfsPublish()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        var network = Directory.CreateDirectory(Path.Combine(dir.Combine("store"), "mainnet")).FullName;
        var foreign = FoundationSnapshot.Entry("https://example.org/old.tar.zst", 50, 28, new string('c', 64));
        foreign["torrent"] = "magnet:?xt=urn:btih:abc";
        foreign["mirrors"] = new JsonArray("https://mirror.example/old.tar.zst");
        File.WriteAllText(Path.Combine(network, "snapshots.json"), FoundationSnapshot.Index(foreign));

        var result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", Snapshots.Create(dir, 100));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(network, "snapshots.json")))!.AsArray();
        Assert.Equal(2, written.Count);
        Assert.StartsWith("f0155", written[0]!["cid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("magnet:?xt=urn:btih:abc", written[1]!["torrent"]!.GetValue<string>());
        Assert.Equal("https://mirror.example/old.tar.zst", written[1]!["mirrors"]![0]!.GetValue<string>());
        Assert.Null(written[1]!["cid"]);
    }

    [Fact]
    public async Task KuboError_FailsBeforeTheIndexChanges_WithTheNodesMessage()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        kubo.FailWith = "blockstore: disk full";

        var result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", Snapshots.Create(dir, 100));

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("HTTP 500: blockstore: disk full", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Combine("store"), "mainnet", "snapshots.json")));
    }

    [Fact]
    public async Task KuboAuthorization_FromAFile_IsSentAndNeverLogged()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        const string secret = "Bearer kubo-secret-7f3a";
        kubo.RequiredAuthorization = secret;
        var authFile = dir.Combine("kubo-auth");
        File.WriteAllText(authFile, secret + "\n");

        var ok = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", Snapshots.Create(dir, 100), "--ipfs-api-auth-file", authFile);
        var refused = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", Snapshots.Create(dir, 200));

        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.ToString());
        Assert.Equal(ExitCodes.Network, refused.ExitCode);
        Assert.Contains("HTTP 403", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("kubo-secret", ok.ToString() + refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinningService_IsAskedToPinBothCids_AndPolledUntilPinned_TokenNeverLogged()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        await using var pins = await FakePinningService.StartAsync("psa-token-91c2");
        var tokenFile = dir.Combine("pin-token");
        File.WriteAllText(tokenFile, pins.Token);
        var archive = Snapshots.Create(dir, 100);

        var result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", archive, "--pin-service", pins.Url.ToString(), "--pin-token-file", tokenFile, "--pin-poll-seconds", "0.05");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var cid = FakeKuboRpc.CidOf(File.ReadAllBytes(archive));
        Assert.Equal(Path.GetFileName(archive), pins.Requested[cid]);
        Assert.Equal(2, pins.Requested.Count);
        Assert.All(pins.Requests, r => Assert.Equal("Bearer psa-token-91c2", r.Authorization));
        Assert.Equal(2, pins.Requests.Count(r => r.Method == "POST"));
        Assert.True(pins.Requests.Count(r => r.Method == "GET") >= 4, "each pin is polled from queued through pinning to pinned");
        Assert.Contains($"{cid} is pinned", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("psa-token", result.ToString(), StringComparison.Ordinal);
        Assert.Equal(cid, Assert.Single(ReadIndex(dir)).Cid);
    }

    [Fact]
    public async Task PinningServiceReportsFailed_PublishFails_AndTheIndexIsUnchanged_TokenFromTheEnvironment()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        await using var pins = await FakePinningService.StartAsync("psa-token-91c2");
        pins.Statuses = ["queued", "failed"];

        // Only this test reads the variable, so setting it in the test process races with nothing.
        AgentResult result;
        Environment.SetEnvironmentVariable("IPFS_PINNING_TOKEN", pins.Token);
        try
        {
            result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", Snapshots.Create(dir, 100), "--pin-service", pins.Url.ToString(), "--pin-poll-seconds", "0.05");
        }
        finally
        {
            Environment.SetEnvironmentVariable("IPFS_PINNING_TOKEN", null);
        }

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("failed: poll 1", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Combine("store"), "mainnet", "snapshots.json")));
        Assert.DoesNotContain("psa-token", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongTokenAtThePinningService_IsReportedWithoutTheToken()
    {
        using var dir = new TempDirectory();
        await using var kubo = await FakeKuboRpc.StartAsync();
        await using var pins = await FakePinningService.StartAsync("the-right-one");
        var tokenFile = dir.Combine("pin-token");
        File.WriteAllText(tokenFile, "wrong-token-55");

        var result = await AgentRun.RunAsync("publish", "--to", "ipfs+" + kubo.Url, "--index-to", Store(dir), "--archive", Snapshots.Create(dir, 100), "--pin-service", pins.Url.ToString(), "--pin-token-file", tokenFile);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("HTTP 401 (the access token is missing or invalid): UNAUTHORIZED", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-55", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to ipfs+http://127.0.0.1:9/", "needs --index-to")]
    [InlineData("--to ipfs+http://user:pw@127.0.0.1:9/ --index-to file:///tmp/x", "without credentials")]
    [InlineData("--to file:///tmp/x --index-to file:///tmp/y", "go with --to ipfs+http(s):// only")]
    [InlineData("--to ipfs+http://127.0.0.1:9/ --index-to file:///tmp/x --public-base-url https://cdn.example/", "--public-base-url does not apply")]
    public async Task IpfsTargetMisuse_IsAUsageError(string args, string message)
    {
        using var dir = new TempDirectory();

        var result = await AgentRun.RunAsync([.. args.Split(' ').Prepend("publish"), "--archive", Snapshots.Create(dir, 100)]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
