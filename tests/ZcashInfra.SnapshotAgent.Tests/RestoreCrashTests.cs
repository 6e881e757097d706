using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// The agent killed (SIGKILL: no handler runs) or stopped (SIGTERM) at chosen moments, then run
/// again. Whatever the next run decides — restore, finish the move, or leave existing state alone —
/// it first cleans up or rolls forward what the dead run left: the target ends with one verified
/// state and its marker, and nothing else.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RestoreCrashTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    private static string[] Args(Uri url, FoundationSnapshot snapshot, string target, params string[] more) =>
        ["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target), .. more];

    [Theory]
    [InlineData(CrashPoint.Verified, false)]
    [InlineData(CrashPoint.Journaled, false)]
    [InlineData(CrashPoint.Moved, false)]
    [InlineData(CrashPoint.Marked, false)]
    [InlineData(CrashPoint.Verified, true)]
    [InlineData(CrashPoint.Journaled, true)]
    [InlineData(CrashPoint.Moved, true)]
    [InlineData(CrashPoint.Marked, true)]
    public async Task KilledAtAPoint_TheNextPlainRestoreLeavesOneVerifiedStateAndNothingElse(string point, bool replace)
    {
        await using var server = await ArchiveServer.StartAsync();
        var old = FoundationSnapshot.Make(_dir, "old.tar.zst", files: 2);
        var fresh = FoundationSnapshot.Make(_dir, "new.tar.zst", files: 5);
        var oldUrl = server.ServeFile("old.tar.zst", old.Archive);
        var newUrl = server.ServeFile("new.tar.zst", fresh.Archive);
        var target = _dir.Combine("target");
        if (replace)
        {
            var seeded = await AgentRun.RunAsync(Args(oldUrl, old, target));
            Assert.True(seeded.ExitCode == ExitCodes.Ok, seeded.ToString());
        }

        string[] more = replace ? ["--replace"] : [];
        using (var killed = AgentProcess.Start(new Dictionary<string, string> { [CrashPoint.Variable] = point }, Args(newUrl, fresh, target, more)))
        {
            await killed.WaitForOutputAsync($"paused at {point}", Patience);
            await killed.KillAsync();
        }

        var next = await AgentRun.RunAsync(Args(newUrl, fresh, target));

        Assert.True(next.ExitCode == ExitCodes.Ok, next.ToString());
        if (point == CrashPoint.Verified && replace)
        {
            // Died before its journal: the replace never happened, the old state stays, and its
            // staging (and the new tree in it) is gone.
            Assert.Contains("already holds a restore of", next.Output, StringComparison.Ordinal);
            RestoreAssert.Restored(old, target, oldUrl.ToString());
        }
        else
        {
            RestoreAssert.Restored(fresh, target, newUrl.ToString());
        }

        RestoreAssert.Tidy(target);
    }

    [Fact]
    public async Task ReplaceKilledMidDownload_APlainRestoreKeepsTheOldStateAndRemovesTheStaging()
    {
        await using var server = await ArchiveServer.StartAsync();
        var old = FoundationSnapshot.Make(_dir, "old.tar.zst", files: 2);
        var fresh = FoundationSnapshot.Make(_dir, "new.tar.zst", files: 8);
        var oldUrl = server.ServeFile("old.tar.zst", old.Archive);
        var stall = new Fault { StallAfterBytes = new FileInfo(fresh.Archive).Length / 2 };
        var newUrl = server.ServeFile("new.tar.zst", fresh.Archive, stall);
        var target = _dir.Combine("target");
        Assert.Equal(ExitCodes.Ok, (await AgentRun.RunAsync(Args(oldUrl, old, target))).ExitCode);

        using (var killed = AgentProcess.Start(Args(newUrl, fresh, target, "--replace")))
        {
            await stall.StallStarted.Task.WaitAsync(Patience);
            await WaitForStagedFileAsync(target);
            await killed.KillAsync();
        }

        Assert.True(Directory.Exists(Path.Combine(target, ".snapshot-restore", "staging")), "the killed run must have left staging behind");

        // No --replace: the old state is kept, and so is nothing of the dead run.
        var next = await AgentRun.RunAsync(Args(newUrl, fresh, target));

        Assert.True(next.ExitCode == ExitCodes.Ok, next.ToString());
        Assert.Contains("already holds a restore of", next.Output, StringComparison.Ordinal);
        Assert.Contains("removing what an interrupted restore left", next.Output, StringComparison.Ordinal);
        RestoreAssert.Restored(old, target, oldUrl.ToString());
        RestoreAssert.Tidy(target);
    }

    [Fact]
    public async Task LeftoverMarkerTemporary_IsRemovedEvenWhenTheStateIsKept()
    {
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(_dir, files: 2);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = _dir.Combine("target");
        Assert.Equal(ExitCodes.Ok, (await AgentRun.RunAsync(Args(url, snapshot, target))).ExitCode);
        var temporary = Path.Combine(target, RestoreMarker.FileName + ".tmp-424242");
        File.WriteAllText(temporary, "{\"url\":");

        var next = await AgentRun.RunAsync(Args(url, snapshot, target));

        Assert.True(next.ExitCode == ExitCodes.Ok, next.ToString());
        Assert.False(File.Exists(temporary), next.ToString());
        RestoreAssert.Restored(snapshot, target, url.ToString());
        RestoreAssert.Tidy(target);
    }

    [Fact]
    public async Task SigTermWhileDownloading_ExitsCancelled_AndLeavesTheTargetAsItWas()
    {
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(_dir, files: 8);
        var stall = new Fault { StallAfterBytes = new FileInfo(snapshot.Archive).Length / 2 };
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, stall);
        var target = _dir.Combine("target");

        using var agent = AgentProcess.Start(Args(url, snapshot, target));
        await stall.StallStarted.Task.WaitAsync(Patience);
        await WaitForStagedFileAsync(target);
        agent.Terminate();
        var result = await agent.WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.Cancelled, result.ToString());
        RestoreAssert.OneErrorLine(result, "cancelled by SIGTERM/SIGINT");
        RestoreAssert.Untouched(target);
        RestoreAssert.Tidy(target);
    }

    [Fact]
    public async Task SigTermWithStateInPlace_ExitsCancelled_AndTheNextRunKeepsTheState()
    {
        // Stopped after the claim, before anything is decided: the same code, and a clean volume.
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(_dir, files: 2);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = _dir.Combine("target");

        using var agent = AgentProcess.Start(new Dictionary<string, string> { [CrashPoint.Variable] = CrashPoint.Claimed }, Args(url, snapshot, target));
        await agent.WaitForOutputAsync($"paused at {CrashPoint.Claimed}", Patience);
        agent.Terminate();
        var result = await agent.WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.Cancelled, result.ToString());
        RestoreAssert.Untouched(target);
        Assert.Empty(server.Requests);
    }

    private static async Task WaitForStagedFileAsync(string target)
    {
        var staging = Path.Combine(target, ".snapshot-restore", "staging");
        var deadline = DateTime.UtcNow + Patience;
        while (!(Directory.Exists(staging) && Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Any()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the agent never wrote into staging");
            await Task.Delay(25);
        }
    }

    public void Dispose() => _dir.Dispose();
}
