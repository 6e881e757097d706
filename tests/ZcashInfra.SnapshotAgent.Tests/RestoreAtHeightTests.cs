using System.Text;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>restore and verify with --height: a node set started "at height H" gets exactly H, or a clear refusal before any download.</summary>
public class RestoreAtHeightTests
{
    private sealed record Published(ArchiveServer Server, Uri Index, FoundationSnapshot H100, FoundationSnapshot H200);

    /// <summary>An index with h300 (db major 29), h200 and h100 (both 28): the newest compatible is h200.</summary>
    private static async Task<Published> PublishAsync(TempDirectory dir)
    {
        var server = await ArchiveServer.StartAsync();
        var h100 = FoundationSnapshot.Make(dir, "h100.tar.zst", files: 1);
        var h200 = FoundationSnapshot.Make(dir, "h200.tar.zst", files: 3);
        server.ServeFile("mainnet/h100.tar.zst", h100.Archive);
        server.ServeFile("mainnet/h200.tar.zst", h200.Archive);
        var index = server.Serve("mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(
            FoundationSnapshot.Entry("v29-h300.tar.zst", 300, 29, new string('9', 64), latest: true),
            FoundationSnapshot.Entry("h200.tar.zst", 200, 28, h200.Sha256),
            FoundationSnapshot.Entry("h100.tar.zst", 100, 28, h100.Sha256))));
        return new Published(server, index, h100, h200);
    }

    [Fact]
    public async Task Restore_WithHeight_RestoresThatEntryNotTheNewest()
    {
        using var dir = new TempDirectory();
        var published = await PublishAsync(dir);
        await using var server = published.Server;
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", published.Index.ToString(), "--height", "100", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var marker = RestoreAssert.Restored(published.H100, target, server.Url("mainnet/h100.tar.zst").ToString());
        Assert.Equal(100, marker.Height);
        Assert.Empty(server.RequestsFor("mainnet/h200.tar.zst"));
        Assert.Contains("height 100, db major 28; --height", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_WithAHeightNotInTheIndex_FailsBeforeDownloadingAndNamesTheNearestHeights()
    {
        using var dir = new TempDirectory();
        var published = await PublishAsync(dir);
        await using var server = published.Server;
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", published.Index.ToString(), "--height", "150", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Equal($"restore: no snapshot at height 150 in {published.Index} fits a zebrad mainnet node with db major 28; nearest compatible heights: 100 (below), 200 (above)\n", result.Error);
        Assert.All(server.Requests, r => Assert.EndsWith("snapshots.json", r.Path, StringComparison.Ordinal));
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task Restore_WithTheHeightOfAnIncompatibleEntry_SaysWhyItDoesNotFit()
    {
        using var dir = new TempDirectory();
        var published = await PublishAsync(dir);
        await using var server = published.Server;
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", published.Index.ToString(), "--height", "300", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("nearest compatible heights: 200 (below); at height 300 only v29-h300.tar.zst (db major 29, node needs 28)", result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task Restore_WithHeight_OnAVolumeThatHoldsAnotherHeight_KeepsItAndSaysSo()
    {
        using var dir = new TempDirectory();
        var published = await PublishAsync(dir);
        await using var server = published.Server;
        var target = dir.Combine("target");
        Assert.Equal(0, (await AgentRun.RunAsync(["restore", "--index", published.Index.ToString(), .. FoundationSnapshot.RestoreArgs(target)])).ExitCode);

        var result = await AgentRun.RunAsync(["restore", "--index", published.Index.ToString(), "--height", "100", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("is from height 200, not the --height 100 asked for; it is kept (pass --replace to restore height 100)", result.Output, StringComparison.Ordinal);
        RestoreAssert.Restored(published.H200, target);
        Assert.Empty(server.RequestsFor("mainnet/h100.tar.zst"));
    }

    [Fact]
    public async Task Verify_WithIndexAndHeight_VerifiesTheEntryRestoreWouldTake()
    {
        using var dir = new TempDirectory();
        var published = await PublishAsync(dir);
        await using var server = published.Server;
        string[] node = ["--network", "mainnet", "--implementation", "zebrad", "--db-major", "28"];

        var atHeight = await AgentRun.RunAsync(["verify", "--index", published.Index.ToString(), "--height", "100", .. node]);
        var missing = await AgentRun.RunAsync(["verify", "--index", published.Index.ToString(), "--height", "150", .. node]);
        var newest = await AgentRun.RunAsync(["verify", "--index", published.Index.ToString(), .. node]);

        Assert.True(atHeight.ExitCode == ExitCodes.Ok, atHeight.ToString());
        Assert.Contains($"verified {server.Url("mainnet/h100.tar.zst")}: sha256 {published.H100.Sha256}", atHeight.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Incompatible, missing.ExitCode);
        Assert.Contains("nearest compatible heights: 100 (below), 200 (above)", missing.Error, StringComparison.Ordinal);
        Assert.True(newest.ExitCode == ExitCodes.Ok, newest.ToString());
        Assert.Contains($"verified {server.Url("mainnet/h200.tar.zst")}: sha256 {published.H200.Sha256}", newest.Output, StringComparison.Ordinal);
        Assert.Single(server.RequestsFor("mainnet/h100.tar.zst"));
    }
}
