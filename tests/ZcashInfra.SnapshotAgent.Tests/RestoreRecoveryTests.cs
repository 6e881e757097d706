using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>restore when the disk fills up, the process dies, or a previous run stopped half-way.</summary>
[Collection(ChildProcessCollection.Name)]
public class RestoreRecoveryTests
{
    private static RestoreRequest Request(Uri url, string sha256, string target) => new(
        null, url, sha256, null, new NodeRequirements("mainnet", Implementation.Zebrad, 28, null), target, false, new RetryPolicy(2, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task DiskFull_FailsWithDiskExitCodeAndLeavesNothingBehind()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir, files: 6);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        using var sources = new UrlSources(http, StoreEndpoints.Default);
        var restorer = new SnapshotRestorer(sources, AgentLog.Null, new FullDisk(budget: 600_000));

        var error = await Assert.ThrowsAsync<AgentException>(() => restorer.RunAsync(Request(url, snapshot.Sha256, target), CancellationToken.None));

        Assert.Equal(ExitCodes.Disk, error.ExitCode);
        Assert.Contains("no space left", error.Message, StringComparison.Ordinal);
        Assert.Contains(url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal([Path.Combine(target, TargetClaim.FileName)], Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task KilledMidExtract_ThenRunAgain_RestoresCorrectly()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir, files: 6);
        var length = new FileInfo(snapshot.Archive).Length;
        var stall = new Fault { StallAfterBytes = length / 2, StallTimes = 1 };
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, stall);
        var target = dir.Combine("target");
        string[] args = ["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)];

        using (var first = AgentProcess.Start(args))
        {
            try
            {
                await stall.StallStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));

                // Half the archive is in: wait until extraction has written into staging, then kill.
                var staging = Path.Combine(target, ".snapshot-restore", "staging");
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!(Directory.Exists(staging) && Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Any()) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }

                Assert.True(Directory.Exists(staging), "the first run should have been extracting");
                Assert.False(first.HasExited, "the first run should still be waiting on the stalled server");
            }
            finally
            {
                // Killed by its own process id, whatever happened above.
                await first.KillAsync();
            }
        }

        Assert.False(Directory.Exists(Path.Combine(target, "state")), "a killed restore must not leave state in place");
        Assert.False(File.Exists(Path.Combine(target, RestoreMarker.FileName)));

        var second = await AgentRun.RunAsync(args);

        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Contains("interrupted restore", second.Output, StringComparison.Ordinal);
        Assert.Equal(StateTrees.Snapshot(Path.Combine(snapshot.Source, "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        Assert.True(File.Exists(Path.Combine(target, RestoreMarker.FileName)));
        Assert.False(Directory.Exists(Path.Combine(target, ".snapshot-restore")));
    }

    [Fact]
    public async Task KilledWhileMovingIntoPlace_TheNextRunFinishesTheMove()
    {
        // State of a run killed after the journal was written and one of two entries was moved.
        using var dir = new TempDirectory();
        var target = dir.Combine("target");
        var area = new RestoreArea(target, AgentLog.Null);
        Directory.CreateDirectory(area.Staging);
        StateTrees.Zebra(area.Staging, files: 2);
        Directory.CreateDirectory(Path.Combine(area.Staging, "non_finalized_state", "mainnet"));
        File.WriteAllText(Path.Combine(area.Staging, "non_finalized_state", "mainnet", "blocks"), "nf");
        var expected = StateTrees.Snapshot(area.Staging);
        var marker = new RestoreMarker { Url = "https://x/a.tar.zst", Sha256 = new string('a', 64), Height = 7, DbMajor = 28, Network = "mainnet", Implementation = "zebrad", RestoredAt = DateTimeOffset.UnixEpoch };
        File.WriteAllText(area.JournalPath, SnapshotJson.WriteJournal(new RestoreJournal(["state", "non_finalized_state"], marker)));
        Directory.Move(Path.Combine(area.Staging, "state"), Path.Combine(target, "state"));

        var result = await AgentRun.RunAsync(["restore", "--url", "http://127.0.0.1:9/never-fetched.tar.zst", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("finished moving an interrupted", result.Output, StringComparison.Ordinal);
        var live = StateTrees.Snapshot(target);
        Assert.All(expected, kv => Assert.Equal(kv.Value, live[kv.Key]));
        Assert.Equal(marker.Url, SnapshotJson.ParseMarker(File.ReadAllText(area.MarkerPath)).Url);
        Assert.False(Directory.Exists(area.WorkDirectory));
    }

    [Fact]
    public async Task LeftoverStagingWithoutJournal_IsDiscardedAndRedone()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = dir.Combine("target");
        var area = new RestoreArea(target, AgentLog.Null);
        Directory.CreateDirectory(Path.Combine(area.Staging, "state", "v28", "mainnet"));
        File.WriteAllText(Path.Combine(area.Staging, "state", "v28", "mainnet", "garbage.sst"), "partial");

        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(StateTrees.Snapshot(Path.Combine(snapshot.Source, "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        Assert.False(File.Exists(Path.Combine(target, "state", "v28", "mainnet", "garbage.sst")));
    }
}
