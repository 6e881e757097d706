using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// Several agents on one target, as real processes (a re-scheduled pod, a manual run and the
/// snapshot job can all reach one volume): exactly one restores, the others change nothing, and
/// the target always ends with one verified state and its marker (or, when the holder is killed,
/// with what the next run finishes).
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RestoreClaimTests : IClassFixture<RestoreClaimTests.Archives>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly Archives _archives;
    private readonly TempDirectory _dir = new();

    public RestoreClaimTests(Archives archives)
    {
        _archives = archives;
    }

    /// <summary>The archives are made once: the large one holds 16,000 files.</summary>
    public sealed class Archives : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Archives()
        {
            Small = FoundationSnapshot.Make(_dir, "small.tar.zst", files: 6, fileSize: 64 * 1024);
            Large = FoundationSnapshot.Make(_dir, "large.tar.zst", files: 16_000, fileSize: 512);
            SmallTree = StateTrees.Snapshot(Path.Combine(Small.Source, "state"));
            LargeTree = StateTrees.Snapshot(Path.Combine(Large.Source, "state"));
        }

        public FoundationSnapshot Small { get; }

        public FoundationSnapshot Large { get; }

        /// <summary>What a restored <c>state/</c> must hold (hashed once: 16,000 files take a while).</summary>
        public SortedDictionary<string, string> SmallTree { get; }

        public SortedDictionary<string, string> LargeTree { get; }

        public void Dispose() => _dir.Dispose();
    }

    [Theory]
    [InlineData(2, false, 0)]
    [InlineData(4, false, 0)]
    [InlineData(2, true, 0)]
    [InlineData(4, true, 0)]
    [InlineData(2, false, 400)]
    public async Task ConcurrentRestores_ExactlyOneRestores_TheOthersAreBusyAndChangeNothing(int agents, bool large, int staggerMs)
    {
        var snapshot = large ? _archives.Large : _archives.Small;
        await using var server = await ArchiveServer.StartAsync();

        // The first download stalls for a moment half-way: whoever holds the target is still
        // working while every other agent starts, however slowly this machine starts processes.
        var length = new FileInfo(snapshot.Archive).Length;
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, new Fault { StallAfterBytes = length / 2, StallTimes = 1 });
        var target = _dir.Combine("target");
        string[] args = ["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target), .. AgentRun.FastRetries(attempts: 3, stallSeconds: 4)];

        var processes = new List<AgentProcess>();
        try
        {
            for (var i = 0; i < agents; i++)
            {
                processes.Add(AgentProcess.Start(args));
                if (staggerMs > 0)
                {
                    await Task.Delay(staggerMs);
                }
            }

            var results = new List<AgentResult>();
            foreach (var process in processes)
            {
                results.Add(await process.WaitAsync(Patience));
            }

            var all = string.Join("\n=====\n", results);
            var restored = results.Where(r => r.ExitCode == ExitCodes.Ok && r.Output.Contains($"restored {url}", StringComparison.Ordinal)).ToList();
            Assert.True(restored.Count == 1, $"exactly one agent must restore\n{all}");
            foreach (var other in results.Except(restored))
            {
                Assert.True(other.ExitCode == ExitCodes.Busy, $"the others must be refused as busy\n{all}");
                RestoreAssert.OneErrorLine(other, "is busy: another snapshot agent holds");
            }

            Assert.Equal(large ? _archives.LargeTree : _archives.SmallTree, StateTrees.Snapshot(Path.Combine(target, "state")));
            Assert.Equal(snapshot.Sha256, SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName))).Sha256);
            RestoreAssert.Tidy(target);

            // Only the holder downloaded: the stalled first request and its one resume.
            Assert.Equal(2, server.RequestsFor("a.tar.zst").Count);
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    [Fact]
    public async Task HolderKilled_TheClaimDiesWithIt_AndTheNextRunFinishesItsVerifiedRestore()
    {
        var snapshot = _archives.Small;
        await using var server = await ArchiveServer.StartAsync();
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = _dir.Combine("target");
        string[] args = ["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)];

        using var holder = AgentProcess.Start(new Dictionary<string, string> { [CrashPoint.Variable] = CrashPoint.Journaled }, args);
        await holder.WaitForOutputAsync($"paused at {CrashPoint.Journaled}", Patience);

        // While the holder lives, its half-committed work is not "interrupted": a second agent
        // must leave it alone.
        using (var second = AgentProcess.Start(args))
        {
            var refused = await second.WaitAsync(Patience);
            Assert.True(refused.ExitCode == ExitCodes.Busy, refused.ToString());
            RestoreAssert.OneErrorLine(refused, $"target {target} is busy");
        }

        Assert.True(File.Exists(Path.Combine(target, ".snapshot-restore", "commit.json")), "the busy agent must not touch the holder's journal");

        await holder.KillAsync();
        var third = await AgentRun.RunAsync(args);

        Assert.True(third.ExitCode == ExitCodes.Ok, third.ToString());
        Assert.Contains("finished moving an interrupted, already verified restore", third.Output, StringComparison.Ordinal);
        RestoreAssert.Restored(snapshot, target, url.ToString());
        RestoreAssert.Tidy(target);
        Assert.Single(server.RequestsFor("a.tar.zst"));
    }

    [Fact]
    public async Task ClaimHeldInProcess_RestoreIsBusy_AndTheTargetIsUntouched()
    {
        var snapshot = _archives.Small;
        await using var server = await ArchiveServer.StartAsync();
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = _dir.Combine("target");
        Directory.CreateDirectory(target);

        using (TargetClaim.Acquire(target))
        {
            var busy = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);
            Assert.Equal(ExitCodes.Busy, busy.ExitCode);
            RestoreAssert.OneErrorLine(busy, "is busy");
        }

        RestoreAssert.Untouched(target);
        Assert.Empty(server.Requests);
        Assert.False(File.Exists(Path.Combine(target, RestoreMarker.FileName)));
    }

    public void Dispose() => _dir.Dispose();
}
