using System.Text;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// restore from ipfs:// through path gateways. No IPFS implementation runs here: each gateway is
/// an HTTP server on 127.0.0.1 answering <c>GET /ipfs/{cid}[/{path}]</c> with ranges, as the path
/// gateway spec describes (ipfs/specs src/http-gateways/path-gateway.md); one of them is faulty.
/// </summary>
public class IpfsRestoreTests
{
    // A CIDv0 (case-sensitive base58) from the IPFS documentation; the doubles do not check that it addresses these bytes.
    private const string Cid = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";

    [Fact]
    public async Task IndexOnIpfs_FirstGatewayAnswers500_TheSecondServesIndexAndArchive()
    {
        using var dir = new TempDirectory();
        await using var bad = await ArchiveServer.StartAsync();
        await using var good = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var index = Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry("zebra.tar.zst", 100, 28, snapshot.Sha256, latest: true)));
        foreach (var gateway in new[] { bad, good })
        {
            gateway.Serve($"ipfs/{Cid}/mainnet/snapshots.json", index, gateway == bad ? new Fault { Http500Requests = int.MaxValue } : null);
            gateway.ServeFile($"ipfs/{Cid}/mainnet/zebra.tar.zst", snapshot.Archive, gateway == bad ? new Fault { Http500Requests = int.MaxValue } : null);
        }

        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", $"ipfs://{Cid}/mainnet/snapshots.json", "--ipfs-gateway", bad.BaseUrl.ToString(), "--ipfs-gateway", good.BaseUrl.ToString(), .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target, $"ipfs://{Cid}/mainnet/zebra.tar.zst");
        Assert.NotEmpty(bad.RequestsFor($"/ipfs/{Cid}/mainnet/snapshots.json"));
        Assert.NotEmpty(bad.RequestsFor($"/ipfs/{Cid}/mainnet/zebra.tar.zst"));
        Assert.Contains($"read through gateway {good.BaseUrl}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"gateway {good.BaseUrl} serves from byte 0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreNewest_ReadsAnIpfsIndexBesideAnHttpOne_AndRestoresTheNewer()
    {
        using var dir = new TempDirectory();
        await using var gateway = await ArchiveServer.StartAsync();
        await using var http = await ArchiveServer.StartAsync();
        var newer = FoundationSnapshot.Make(dir);
        var older = FoundationSnapshot.Make(dir, "older.tar.zst", files: 1);
        gateway.Serve($"ipfs/{Cid}/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry("zebra.tar.zst", 200, 28, newer.Sha256, latest: true))));
        gateway.ServeFile($"ipfs/{Cid}/zebra.tar.zst", newer.Archive);
        http.ServeFile("older.tar.zst", older.Archive);
        var theirs = http.Serve("snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry("older.tar.zst", 100, 28, older.Sha256, latest: true))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore-newest", "--index", $"ipfs://{Cid}/snapshots.json", "--index", theirs.ToString(), "--ipfs-gateway", gateway.BaseUrl.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(newer, target, $"ipfs://{Cid}/zebra.tar.zst");
        Assert.Empty(http.RequestsFor("/older.tar.zst"));
    }

    [Fact]
    public async Task GatewayResetsMidBody_TheNextResumesAtThatByte()
    {
        using var dir = new TempDirectory();
        await using var first = await ArchiveServer.StartAsync();
        await using var second = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var length = new FileInfo(snapshot.Archive).Length;
        var path = $"ipfs/{Cid}/zebra.tar.zst";
        first.ServeFile(path, snapshot.Archive, new Fault { ResetAfterBytes = length / 2, ResetTimes = int.MaxValue });
        second.ServeFile(path, snapshot.Archive);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"ipfs://{Cid}/zebra.tar.zst", "--sha256", snapshot.Sha256, "--ipfs-gateway", first.BaseUrl.ToString(), "--ipfs-gateway", second.BaseUrl.ToString(), .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        var resumed = Assert.Single(second.RequestsFor("/" + path), r => r.Method == "GET");
        Assert.StartsWith("bytes=", resumed.Range, StringComparison.Ordinal);
        var from = long.Parse(resumed.Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(from, 1, length - 1);
        Assert.Single(first.RequestsFor("/" + path), r => r.Method == "GET");
        Assert.Contains($"trying gateway {second.BaseUrl} from byte {from}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayStalls_TheNextTakesOver()
    {
        using var dir = new TempDirectory();
        await using var first = await ArchiveServer.StartAsync();
        await using var second = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var path = $"ipfs/{Cid}/zebra.tar.zst";
        first.ServeFile(path, snapshot.Archive, new Fault { StallAfterBytes = 100_000 });
        second.ServeFile(path, snapshot.Archive);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"ipfs://{Cid}/zebra.tar.zst", "--sha256", snapshot.Sha256, "--ipfs-gateway", first.BaseUrl.ToString(), "--ipfs-gateway", second.BaseUrl.ToString(), .. AgentRun.FastRetries(stallSeconds: 1), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Contains("stalled", result.Output, StringComparison.Ordinal);
        Assert.Contains($"trying gateway {second.BaseUrl}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayServingWrongBytes_FailsTheDigest_EvenWithAnHonestGatewayNext()
    {
        using var dir = new TempDirectory();
        await using var liar = await ArchiveServer.StartAsync();
        await using var honest = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var other = FoundationSnapshot.Make(dir, "other.tar.zst", files: 3);
        var path = $"ipfs/{Cid}/zebra.tar.zst";
        liar.ServeFile(path, other.Archive);
        honest.ServeFile(path, snapshot.Archive);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"ipfs://{Cid}/zebra.tar.zst", "--sha256", snapshot.Sha256, "--ipfs-gateway", liar.BaseUrl.ToString(), "--ipfs-gateway", honest.BaseUrl.ToString(), .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains("digest mismatch", result.Error, StringComparison.Ordinal);
        Assert.Contains($"gateway {liar.BaseUrl} serves from byte 0", result.Output, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task HonestPrefixThenWrongTailFromTheNextGateway_IsNotSplicedIntoARestore()
    {
        // The first gateway serves the right first half and resets; the second resumes with bytes
        // of another archive. The digest over the spliced stream must catch it.
        using var dir = new TempDirectory();
        await using var honest = await ArchiveServer.StartAsync();
        await using var liar = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var bytes = File.ReadAllBytes(snapshot.Archive);
        var forged = (byte[])bytes.Clone();
        for (var i = bytes.Length - 1000; i < bytes.Length - 900; i++)
        {
            forged[i] ^= 0xff;
        }

        var path = $"ipfs/{Cid}/zebra.tar.zst";
        honest.Serve(path, bytes, new Fault { ResetAfterBytes = bytes.Length / 2, ResetTimes = int.MaxValue });
        liar.Serve(path, forged);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"ipfs://{Cid}/zebra.tar.zst", "--sha256", snapshot.Sha256, "--ipfs-gateway", honest.BaseUrl.ToString(), "--ipfs-gateway", liar.BaseUrl.ToString(), .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.Contains($"trying gateway {liar.BaseUrl}", result.Output, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task GatewayWithoutTheContent_IsDropped_AndTheNextServes()
    {
        using var dir = new TempDirectory();
        await using var empty = await ArchiveServer.StartAsync();
        await using var good = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        good.ServeFile($"ipfs/{Cid}/zebra.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"ipfs://{Cid}/zebra.tar.zst", "--sha256", snapshot.Sha256, "--ipfs-gateway", empty.BaseUrl.ToString(), "--ipfs-gateway", good.BaseUrl.ToString(), .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Contains($"dropping gateway {empty.BaseUrl}: HTTP 404", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0/a.tar.zst", "--ipfs-gateway http://127.0.0.1:9", "base58btc")]
    [InlineData("ipfs://snapshots/a.tar.zst", "--ipfs-gateway http://127.0.0.1:9", "not a CID")]
    [InlineData("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/a.tar.zst", "", "needs at least one --ipfs-gateway")]
    [InlineData("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/a.tar.zst", "--ipfs-gateway ftp://127.0.0.1/", "--ipfs-gateway must be an absolute http(s)://")]
    public async Task BadCidOrMissingGateway_IsAUsageError(string url, string gateway, string message)
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url, "--sha256", new string('a', 64), .. gateway.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }
}
