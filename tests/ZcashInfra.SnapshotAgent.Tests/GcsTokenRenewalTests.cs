using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// A long transfer outlives its first token: every request of a resumable upload asks the token
/// source, which fetches a new metadata-server token once the cached one is within a minute of its
/// expires_in; tokens never reach the log.
/// </summary>
public class GcsTokenRenewalTests
{
    [Fact]
    public async Task ResumableUpload_SwitchesToTheNextMetadataToken_WhenTheFirstNearsExpiry_AndLogsNoToken()
    {
        using var dir = new TempDirectory();
        await using var metadata = await FakeMetadataServer.StartAsync();
        metadata.ExpiresInSeconds = 120;
        await using var gcs = await FakeGcs.StartAsync();
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

        // Each chunk "takes" 25 s: the 120 s token is renewed 60 s before it lapses, i.e. after ~2 chunks.
        gcs.ChunkFault = _ =>
        {
            clock.Advance(TimeSpan.FromSeconds(25));
            return ChunkFault.None;
        };
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var tokens = new GoogleAccessTokenSource(http, metadata.TokenUrl, _ => null, clock);
        var store = new GcsObjectStore(http, tokens, "b", gcs.Endpoint) { ResumableChunkBytes = 256 * 1024 };
        var output = new StringWriter();
        var log = new AgentLog(output, clock);
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);

        await new SnapshotPublisher(store, StoreLocation.Parse("gs://b/p"), log, clock).RunAsync(new PublishRequest(archive, null, new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromTicks(1)), CancellationToken.None);

        var chunks = gcs.Requests.Where(r => r.Method == "PUT" && r.Path.StartsWith("upload/", StringComparison.Ordinal)).ToList();
        Assert.True(chunks.Count >= 6, $"{chunks.Count} chunks");
        Assert.Equal("Bearer metadata-token-1", chunks[0].Authorization);
        Assert.Equal("Bearer metadata-token-2", chunks[3].Authorization);
        Assert.Equal("Bearer metadata-token-3", chunks[^1].Authorization);
        Assert.True(metadata.Requests.Count >= 3, $"{metadata.Requests.Count} token fetches");
        Assert.Equal(await File.ReadAllBytesAsync(archive), gcs.Objects[$"b/p/mainnet/{Path.GetFileName(archive)}"].Data);
        var logged = output.ToString();
        Assert.Contains("upload gs://b/p/mainnet/", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("metadata-token", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("upload_id", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelCompositeUpload_PartsSwitchToTheNextMetadataToken_OneFetchPerRenewal()
    {
        using var dir = new TempDirectory();
        await using var metadata = await FakeMetadataServer.StartAsync();
        metadata.ExpiresInSeconds = 120;
        metadata.Tokens = [.. Enumerable.Range(1, 40).Select(i => $"metadata-token-{i}")];
        await using var gcs = await FakeGcs.StartAsync();
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

        // Each part "takes" 25 s: parts in flight four at a time outlive the first and second tokens.
        gcs.MediaFault = (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(25));
            return ChunkFault.None;
        };
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var tokens = new GoogleAccessTokenSource(http, metadata.TokenUrl, _ => null, clock);
        var store = new GcsObjectStore(http, tokens, "b", gcs.Endpoint) { Upload = new UploadTuning(4, 128 * 1024) };
        var output = new StringWriter();
        var log = new AgentLog(TextWriter.Synchronized(output), clock);
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);

        await new SnapshotPublisher(store, StoreLocation.Parse("gs://b/p"), log, clock).RunAsync(new PublishRequest(archive, null, new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromTicks(1)), CancellationToken.None);

        var parts = gcs.Requests.Where(r => r.Query.Contains("uploadType=media", StringComparison.Ordinal)).ToList();
        Assert.True(parts.Count >= 12, $"{parts.Count} parts");
        Assert.Equal("Bearer metadata-token-1", parts[0].Authorization);
        var used = gcs.Requests.Select(r => r.Authorization).Distinct().ToList();
        Assert.Contains("Bearer metadata-token-3", used);

        // Parts that find the token due wait for one fetch rather than each fetching their own: one
        // fetch per 60 s of (manual) time at most, the token being renewed 60 s before its 120 s end.
        Assert.InRange(metadata.Requests.Count, 3, (parts.Count * 25 / 60) + 2);
        Assert.Equal(used.Count, metadata.Requests.Count);
        Assert.Equal(await File.ReadAllBytesAsync(archive), gcs.Objects[$"b/p/mainnet/{Path.GetFileName(archive)}"].Data);
        Assert.DoesNotContain("metadata-token", output.ToString(), StringComparison.Ordinal);
    }
}
