using System.Text;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>restore end to end: real HTTP on 127.0.0.1, archives made by GNU tar and the zstd CLI.</summary>
public class RestoreTests
{
    [Fact]
    public async Task FoundationIndex_WithoutOurFields_RestoresTheNewestCompatibleEntry()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var good = FoundationSnapshot.Make(dir, "good.tar.zst");
        var older = FoundationSnapshot.Make(dir, "older.tar.zst", files: 1);
        var url = server.ServeFile("mainnet/good.tar.zst", good.Archive).ToString();
        server.ServeFile("mainnet/older.tar.zst", older.Archive);
        var index = server.Serve("mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(
            FoundationSnapshot.Entry(server.Url("mainnet/wrong-major.tar.zst").ToString(), 300, 29, good.Sha256, latest: true),
            FoundationSnapshot.Entry(url, 200, 28, good.Sha256),
            FoundationSnapshot.Entry(server.Url("mainnet/older.tar.zst").ToString(), 100, 28, older.Sha256))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", index.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(good, target, url);
        Assert.Empty(server.RequestsFor("mainnet/wrong-major.tar.zst"));
        Assert.Empty(server.RequestsFor("mainnet/older.tar.zst"));
        Assert.Contains("sha256 " + good.Sha256, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.tar.gz")]
    [InlineData("a.tar")]
    public async Task GzipAndPlainTarArchives_Restore(string name)
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir, name);
        var url = server.ServeFile(name, snapshot.Archive);
        server.ServeFile(name + ".sha256", snapshot.Archive + ".sha256");
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
    }

    [Fact]
    public async Task IndexWithOnlyOtherNetworksAndMajors_FailsBeforeAnyDownload()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var index = server.Serve("mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(
            FoundationSnapshot.Entry("v27.tar.zst", 100, 27, new string('a', 64), latest: true),
            new System.Text.Json.Nodes.JsonObject { ["url"] = "testnet.tar.zst", ["roles"] = new System.Text.Json.Nodes.JsonArray(), ["height"] = 5, ["db_major"] = 28, ["network"] = "testnet" })));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", index.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("db major 27", result.Error, StringComparison.Ordinal);
        Assert.Contains("network testnet", result.Error, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.EndsWith("snapshots.json", r.Path, StringComparison.Ordinal));
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task ArchiveForAnotherNetwork_FailsDuringExtractionAndMovesNothing()
    {
        // A direct URL has no index entry to judge: the archive's own layout is the check.
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var testnet = FoundationSnapshot.Make(dir, "t.tar.zst", network: "testnet");
        var url = server.ServeFile("t.tar.zst", testnet.Archive);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", testnet.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("testnet", result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task DigestFromSidecar_WhenTheIndexHasNone()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        server.ServeFile("mainnet/a.tar.zst", snapshot.Archive);
        server.ServeFile("mainnet/a.tar.zst.sha256", snapshot.Archive + ".sha256");
        var index = server.Serve("mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry("a.tar.zst", 100, 28, null, latest: true))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", index.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Single(server.RequestsFor("mainnet/a.tar.zst.sha256"));
    }

    [Fact]
    public async Task PinnedDigest_WinsOverAWrongIndexDigest()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        server.ServeFile("mainnet/a.tar.zst", snapshot.Archive);
        var index = server.Serve("mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry("a.tar.zst", 100, 28, new string('0', 64), latest: true))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", index.ToString(), "--sha256", snapshot.Sha256.ToUpperInvariant(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Contains("pinned --sha256", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinnedDigest_WinsOverACorrectIndexDigest_SoAWrongPinFails()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        server.ServeFile("mainnet/a.tar.zst", snapshot.Archive);
        var index = server.Serve("mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry("a.tar.zst", 100, 28, snapshot.Sha256, latest: true))));
        var target = dir.Combine("target");
        var pin = new string('1', 64);

        var result = await AgentRun.RunAsync(["restore", "--index", index.ToString(), "--sha256", pin, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains("digest mismatch", result.Error, StringComparison.Ordinal);
        Assert.Contains(pin, result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task NoDigestAnywhere_RefusesToRestore()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains("a.tar.zst.sha256 not found", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.RequestsFor("a.tar.zst"));
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task SidecarDigestMismatch_FailsAndLeavesNoState()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        server.Serve("a.tar.zst.sha256", Encoding.UTF8.GetBytes(new string('f', 64) + "  a.tar.zst\n"));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains($"digest mismatch for {url}", result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Theory]
    [InlineData("a.tar.zst")]
    [InlineData("a.tar")]
    public async Task FlippedByte_FailsAndLeavesNoState(string name)
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir, name);
        var bytes = File.ReadAllBytes(snapshot.Archive);
        bytes[bytes.Length / 3] ^= 0x01;
        var url = server.Serve(name, bytes);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains(url.ToString(), result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task TruncatedArchive_FailsAndLeavesNoState()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var bytes = File.ReadAllBytes(snapshot.Archive);
        var url = server.Serve("a.tar.zst", bytes[..(bytes.Length * 2 / 3)]);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains("truncated", result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task ConnectionResetMidStream_ResumesWithRange()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var length = new FileInfo(snapshot.Archive).Length;
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { ResetAfterBytes = length / 2, ResetTimes = 2 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        var requests = server.RequestsFor("a.tar.zst");
        Assert.Equal(3, requests.Count);
        Assert.Equal("", requests[0].Range);
        Assert.StartsWith("bytes=", requests[1].Range, StringComparison.Ordinal);
        Assert.NotEqual("", requests[1].IfRange);
        Assert.True(long.Parse(requests[1].Range[6..^1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Http500ThenSuccess_Retries()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { Http500Requests = 2 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Equal(3, server.RequestsFor("a.tar.zst").Count);
        Assert.Contains("HTTP 500", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http500MidStream_ResumesWithRange()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var length = new FileInfo(snapshot.Archive).Length;
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { ResetAfterBytes = length / 3, Http500OnRequest = 2 });
        var target = dir.Combine("target");

        // First request: reset after a third. Second (ranged) request: a 500. Third: the rest.
        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(4), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Equal(3, server.RequestsFor("a.tar.zst").Count);
        Assert.Contains("HTTP 500", result.Output, StringComparison.Ordinal);
        Assert.All(server.RequestsFor("a.tar.zst").Skip(1), r => Assert.StartsWith("bytes=", r.Range, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersistentHttp500_FailsAfterTheBoundedAttempts()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { Http500Requests = int.MaxValue });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(3), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains($"download of {url} failed after 3 attempts: HTTP 500", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, server.RequestsFor("a.tar.zst").Count);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task StallingServer_TimesOutAndFails()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { StallAfterBytes = 100_000 });
        var target = dir.Combine("target");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(2, 0.5), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains("stalled", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task StallOnce_ReconnectsAndCompletes()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { StallAfterBytes = 100_000, StallTimes = 1 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(3, 0.5), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Equal("bytes=100000-", server.RequestsFor("a.tar.zst")[1].Range);
    }

    [Fact]
    public async Task ExistingNodeState_IsLeftAloneWithoutDownloading()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");
        StateTrees.Zebra(target, files: 1);
        var before = StateTrees.Snapshot(target);

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("already holds node state", result.Output, StringComparison.Ordinal);

        // Only the (empty) claim file is new: the run held the target while it looked.
        var expected = new SortedDictionary<string, string>(before, StringComparer.Ordinal) { [TargetClaim.FileName] = StateTrees.EmptyFileDigest };
        Assert.Equal(expected, StateTrees.Snapshot(target));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Replace_LeavesExactlyTheArchivesState_NotTheOldStatesOtherDirectories()
    {
        // The old node also has a non-finalized state; the new archive holds only state/.
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir, files: 2);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");
        StateTrees.Zebra(target, files: 3, fileSize: 1000);
        Directory.CreateDirectory(Path.Combine(target, "non_finalized_state", "mainnet"));
        File.WriteAllText(Path.Combine(target, "non_finalized_state", "mainnet", "blocks"), "old tip");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, "--replace", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target, url.ToString());
        Assert.False(Directory.Exists(Path.Combine(target, "non_finalized_state")), "the old state's non-finalized part must go with it");
        RestoreAssert.Tidy(target);
    }

    [Fact]
    public async Task CompletedRestore_IsNotRolledBackByANewerSnapshotUnlessReplaceIsGiven()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var first = FoundationSnapshot.Make(dir, "first.tar.zst", files: 2);
        var second = FoundationSnapshot.Make(dir, "second.tar.zst", files: 5);
        var firstUrl = server.ServeFile("first.tar.zst", first.Archive);
        var secondUrl = server.ServeFile("second.tar.zst", second.Archive);
        var target = dir.Combine("target");

        Assert.Equal(0, (await AgentRun.RunAsync(["restore", "--url", firstUrl.ToString(), "--sha256", first.Sha256, .. FoundationSnapshot.RestoreArgs(target)])).ExitCode);
        var again = await AgentRun.RunAsync(["restore", "--url", secondUrl.ToString(), "--sha256", second.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"a restore of {firstUrl}", again.Output, StringComparison.Ordinal);
        RestoreAssert.Restored(first, target, firstUrl.ToString());
        Assert.Empty(server.RequestsFor("second.tar.zst"));

        var replaced = await AgentRun.RunAsync(["restore", "--url", secondUrl.ToString(), "--sha256", second.Sha256, "--replace", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.ToString());
        Assert.Contains("--replace", replaced.Output, StringComparison.Ordinal);
        RestoreAssert.Restored(second, target, secondUrl.ToString());
    }

    [Fact]
    public async Task MarkerWithoutState_IsRestoredAgain()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");
        Assert.Equal(0, (await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)])).ExitCode);
        Directory.Delete(Path.Combine(target, "state"), recursive: true);

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("no node state: restoring again", result.Output, StringComparison.Ordinal);
        RestoreAssert.Restored(snapshot, target, url.ToString());
    }

    [Fact]
    public async Task FailedReplace_KeepsTheOldState()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var first = FoundationSnapshot.Make(dir, "first.tar.zst", files: 2);
        var second = FoundationSnapshot.Make(dir, "second.tar.zst", files: 5);
        var firstUrl = server.ServeFile("first.tar.zst", first.Archive);
        var secondUrl = server.ServeFile("second.tar.zst", second.Archive);
        var target = dir.Combine("target");
        Assert.Equal(0, (await AgentRun.RunAsync(["restore", "--url", firstUrl.ToString(), "--sha256", first.Sha256, .. FoundationSnapshot.RestoreArgs(target)])).ExitCode);

        var result = await AgentRun.RunAsync(["restore", "--url", secondUrl.ToString(), "--sha256", new string('2', 64), "--replace", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        RestoreAssert.Restored(first, target, firstUrl.ToString());
    }
}
