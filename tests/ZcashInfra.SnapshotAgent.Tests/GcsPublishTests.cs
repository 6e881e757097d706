using System.Text;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>publish to gs:// at the request level, against a fake GCS XML API on 127.0.0.1.</summary>
public class GcsPublishTests
{
    private sealed class StaticToken : IAccessTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("test-token");
    }

    [Fact]
    public async Task Publish_UsesGenerationPreconditionsAndBearerAuth()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var location = StoreLocation.Parse("gs://zcash-snapshots/prefix");
        var store = new GcsObjectStore(http, new StaticToken(), "zcash-snapshots", gcs.Endpoint);
        var publisher = new SnapshotPublisher(store, location, AgentLog.Null);

        foreach (var height in new[] { 100L, 200 })
        {
            await publisher.RunAsync(new PublishRequest(Snapshots.Create(dir, height), new Uri("https://snapshots.example/zcash/"), new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero), CancellationToken.None);
        }

        var requests = gcs.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("Bearer test-token", r.Authorization));
        var lockPuts = requests.Where(r => r.Method == "PUT" && r.Path.EndsWith(".lock", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lockPuts.Count);
        Assert.All(lockPuts, r => Assert.Equal("0", r.IfGenerationMatch));
        var indexPuts = requests.Where(r => r.Method == "PUT" && r.Path == "zcash-snapshots/prefix/mainnet/snapshots.json").ToList();
        Assert.Equal("0", indexPuts[0].IfGenerationMatch);
        Assert.NotEqual("0", indexPuts[1].IfGenerationMatch);
        Assert.NotEqual("", indexPuts[1].IfGenerationMatch);
        var archivePut = requests.FindIndex(r => r.Method == "PUT" && r.Path.EndsWith("h200.tar.zst", StringComparison.Ordinal));
        Assert.True(archivePut < requests.IndexOf(indexPuts[1]), "the archive is uploaded before the index names it");

        var index = SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects["zcash-snapshots/prefix/mainnet/snapshots.json"].Data));
        Assert.Equal("https://snapshots.example/zcash/mainnet/zebra-mainnet-h200.tar.zst", index[0].Url);
        Assert.Equal([200L, 100], index.Select(e => e.Height));
        Assert.DoesNotContain("zcash-snapshots/prefix/mainnet/snapshots.json.lock", gcs.Objects.Keys);
    }

    [Fact]
    public async Task RefusedUpload_IsANetworkError_NamingTheObject()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        gcs.RequiredToken = "another-identity";
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var store = new GcsObjectStore(http, new StaticToken(), "zcash-snapshots", gcs.Endpoint);
        var publisher = new SnapshotPublisher(store, StoreLocation.Parse("gs://zcash-snapshots/prefix"), AgentLog.Null);

        var error = await Assert.ThrowsAsync<Errors.AgentException>(() => publisher.RunAsync(new PublishRequest(Snapshots.Create(dir, 100), null, new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero), CancellationToken.None));

        Assert.Equal(Errors.ExitCodes.Network, error.ExitCode);
        Assert.Contains("gs://zcash-snapshots/prefix/mainnet/zebra-mainnet-h100.tar.zst: HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConditionalWrite_LosingTheRace_ReturnsFalse()
    {
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var store = new GcsObjectStore(http, new StaticToken(), "b", gcs.Endpoint);

        Assert.True(await store.PutTextAsync("k", "a", WriteCondition.Absent, CancellationToken.None));
        var first = await store.GetTextAsync("k", CancellationToken.None);
        Assert.True(await store.PutTextAsync("k", "b", WriteCondition.Matches(first!.Version), CancellationToken.None));
        Assert.False(await store.PutTextAsync("k", "c", WriteCondition.Matches(first.Version), CancellationToken.None));
        Assert.False(await store.PutTextAsync("k", "d", WriteCondition.Absent, CancellationToken.None));
        Assert.Equal("b", (await store.GetTextAsync("k", CancellationToken.None))!.Content);
    }
}
