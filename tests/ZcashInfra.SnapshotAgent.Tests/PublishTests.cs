using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>publish into a directory store (file:///): ordering, index, retention, locking.</summary>
public class PublishTests
{
    private static PublishRequest Request(string archive, int keep = 3, double lockWaitSeconds = 0, string owner = "test") =>
        new(archive, null, new RetentionPolicy(keep, null), owner, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(lockWaitSeconds));

    private static List<SnapshotIndexEntry> ReadIndex(string store, string network = "mainnet") =>
        SnapshotJson.ParseIndex(File.ReadAllText(Path.Combine(store, network, "snapshots.json")));

    [Fact]
    public async Task TwoPublishes_IndexNewestFirstWithLatestMoved_AndRestoreReadsIt()
    {
        using var dir = new TempDirectory();
        var store = dir.Combine("store");
        var first = Snapshots.Create(dir, 100);
        var second = Snapshots.Create(dir, 200);

        foreach (var archive in new[] { first, second })
        {
            var result = await AgentRun.RunAsync("publish", "--to", new Uri(store).ToString(), "--archive", archive);
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        }

        var index = ReadIndex(store);
        Assert.Equal([200L, 100], index.Select(e => e.Height));
        Assert.Equal(["latest"], index[0].Roles);
        Assert.Empty(index[1].Roles);
        Assert.Equal(("mainnet", "zebrad", 28), (index[0].Network, index[0].Implementation, index[0].DbMajor));
        Assert.Equal(SnapshotJson.ParseManifest(File.ReadAllText(second + ".manifest.json")).Sha256, index[0].Sha256);
        Assert.True(File.Exists(new Uri(index[0].ManifestUrl!).LocalPath));
        Assert.False(File.Exists(Path.Combine(store, "mainnet", "snapshots.json.lock")));

        var target = dir.Combine("target");
        var restored = await AgentRun.RunAsync(["restore", "--index", new Uri(Path.Combine(store, "mainnet", "snapshots.json")).ToString(), .. FoundationSnapshot.RestoreArgs(target)]);
        Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
        Assert.Contains("h200", SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName))).Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexIsWrittenOnlyAfterEveryObjectIsUploaded_AndPrunedArchivesDeletedAfter()
    {
        using var dir = new TempDirectory();
        var location = StoreLocation.Parse(new Uri(dir.Combine("store")).ToString());
        var store = new RecordingStore(new FileObjectStore(location.Prefix));
        var publisher = new SnapshotPublisher(store, location, AgentLog.Null);
        await publisher.RunAsync(Request(Snapshots.Create(dir, 100), keep: 1), CancellationToken.None);
        store.Log.Clear();

        await publisher.RunAsync(Request(Snapshots.Create(dir, 200), keep: 1), CancellationToken.None);

        var log = store.Log.ToList();
        var indexWrite = log.IndexOf("put mainnet/snapshots.json");
        Assert.True(indexWrite > 0, string.Join("\n", log));
        Assert.Equal(
            ["upload mainnet/zebra-mainnet-h200.tar.zst", "upload mainnet/zebra-mainnet-h200.tar.zst.sha256", "upload mainnet/zebra-mainnet-h200.tar.zst.manifest.json", "put mainnet/snapshots.json.lock"],
            log.Take(indexWrite));
        Assert.Equal(
            ["delete mainnet/zebra-mainnet-h100.tar.zst", "delete mainnet/zebra-mainnet-h100.tar.zst.sha256", "delete mainnet/zebra-mainnet-h100.tar.zst.manifest.json", "delete mainnet/snapshots.json.lock"],
            log.Skip(indexWrite + 1));
        Assert.False(File.Exists(dir.Combine("store", "mainnet", "zebra-mainnet-h100.tar.zst")));
        Assert.Equal([200L], ReadIndex(dir.Combine("store")).Select(e => e.Height));
    }

    [Fact]
    public async Task Retention_KeepsTheConfiguredCount()
    {
        using var dir = new TempDirectory();
        var store = dir.Combine("store");
        foreach (var height in new[] { 100L, 200, 300, 400 })
        {
            var result = await AgentRun.RunAsync("publish", "--to", new Uri(store).ToString(), "--archive", Snapshots.Create(dir, height), "--keep", "2");
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        }

        Assert.Equal([400L, 300], ReadIndex(store).Select(e => e.Height));
        Assert.Equal(
            ["snapshots.json", "zebra-mainnet-h300.tar.zst", "zebra-mainnet-h300.tar.zst.manifest.json", "zebra-mainnet-h300.tar.zst.sha256", "zebra-mainnet-h400.tar.zst", "zebra-mainnet-h400.tar.zst.manifest.json", "zebra-mainnet-h400.tar.zst.sha256"],
            Directory.EnumerateFiles(Path.Combine(store, "mainnet")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LockHeldByAnotherPublisher_FailsClearlyAndChangesNothing()
    {
        using var dir = new TempDirectory();
        var store = dir.Combine("store");
        Directory.CreateDirectory(Path.Combine(store, "mainnet"));
        File.WriteAllText(Path.Combine(store, "mainnet", "snapshots.json.lock"), SnapshotJson.WriteLock(new PublishLockRecord("job-7", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1))));

        var result = await AgentRun.RunAsync("publish", "--to", new Uri(store).ToString(), "--archive", Snapshots.Create(dir, 100), "--lock-wait-seconds", "0.3");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("job-7", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(store, "mainnet", "snapshots.json")));
    }

    [Fact]
    public async Task ExpiredLock_IsTakenOver()
    {
        using var dir = new TempDirectory();
        var store = dir.Combine("store");
        Directory.CreateDirectory(Path.Combine(store, "mainnet"));
        File.WriteAllText(Path.Combine(store, "mainnet", "snapshots.json.lock"), SnapshotJson.WriteLock(new PublishLockRecord("dead-job", DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1))));

        var result = await AgentRun.RunAsync("publish", "--to", new Uri(store).ToString(), "--archive", Snapshots.Create(dir, 100), "--lock-wait-seconds", "0");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("took over the expired publish lock", result.Output, StringComparison.Ordinal);
        Assert.Single(ReadIndex(store));
    }

    [Fact]
    public async Task ConcurrentPublishers_BothSnapshotsEndUpInTheIndex()
    {
        using var dir = new TempDirectory();
        var location = StoreLocation.Parse(new Uri(dir.Combine("store")).ToString());
        var archives = Enumerable.Range(1, 4).Select(i => Snapshots.Create(dir, i * 100)).ToList();

        // Each publisher waits for the others' locks; on a loaded 2-core CI machine three uploads
        // in a row can take longer than half a minute, so the wait is generous.
        await Task.WhenAll(archives.Select((archive, i) => Task.Run(() =>
            new SnapshotPublisher(new FileObjectStore(location.Prefix), location, AgentLog.Null).RunAsync(Request(archive, keep: 10, lockWaitSeconds: 180, owner: $"publisher-{i}"), CancellationToken.None))));

        var index = ReadIndex(dir.Combine("store"));
        Assert.Equal([400L, 300, 200, 100], index.Select(e => e.Height));
        Assert.Single(index, e => e.IsLatest);
        Assert.All(index, e => Assert.True(File.Exists(new Uri(e.Url).LocalPath)));
    }

    [Fact]
    public async Task ArchiveNotMatchingItsManifest_IsNotPublished()
    {
        using var dir = new TempDirectory();
        var archive = Snapshots.Create(dir, 100);
        File.AppendAllText(archive, "tampered");

        var result = await AgentRun.RunAsync("publish", "--to", new Uri(dir.Combine("store")).ToString(), "--archive", archive);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.False(Directory.Exists(dir.Combine("store", "mainnet")));
    }

    [Fact]
    public async Task Publish_LogsUploadProgressBetweenStartAndEnd()
    {
        using var dir = new TempDirectory();
        var store = dir.Combine("store");
        var archive = Snapshots.Create(dir, 100, files: 6, fileSize: 1 << 20);

        var result = await AgentRun.RunAsync("publish", "--to", new Uri(store).ToString(), "--archive", archive, "--progress-interval-seconds", "0.000001");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        ProgressLines.AssertPartWayAndDone(result.Output, "upload file://");
    }
}
