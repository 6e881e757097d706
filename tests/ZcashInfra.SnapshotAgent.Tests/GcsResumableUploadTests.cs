using System.Text;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// publish's archive upload to GCS as a JSON API resumable upload (a loopback double of the
/// protocol): chunks with Content-Range, resumption from what the server persisted after a 503
/// or a reset, and a failed upload that cancels its session and never yields an index entry.
/// </summary>
public class GcsResumableUploadTests
{
    private const int Chunk = 512 * 1024;
    private const string Bucket = "zcash-snapshots";
    private const string IndexPath = Bucket + "/prefix/mainnet/snapshots.json";

    private sealed class StaticToken : IAccessTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("secret-token-value");
    }

    private static SnapshotPublisher Publisher(FakeGcs gcs, HttpClient http) =>
        new(new GcsObjectStore(http, new StaticToken(), Bucket, gcs.Endpoint) { ResumableChunkBytes = Chunk, UploadRetry = new RetryPolicy(3, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)) }, StoreLocation.Parse($"gs://{Bucket}/prefix"), AgentLog.Null);

    private static PublishRequest Request(string archive) => new(archive, null, new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero);

    private static string Archive(TempDirectory dir)
    {
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        Assert.True(new FileInfo(archive).Length > 3 * Chunk, "the archive spans several chunks");
        return archive;
    }

    private static List<GcsRequest> Chunks(FakeGcs gcs) =>
        gcs.Requests.Where(r => r.Method == "PUT" && r.Path.StartsWith("upload/", StringComparison.Ordinal) && !r.ContentRange.StartsWith("bytes */", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task LargeArchive_GoesUpInChunks_ObjectExact_IndexAfterIt()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Archive(dir);
        var size = new FileInfo(archive).Length;

        await Publisher(gcs, http).RunAsync(Request(archive), CancellationToken.None);

        var key = $"{Bucket}/prefix/mainnet/{Path.GetFileName(archive)}";
        Assert.Equal(await File.ReadAllBytesAsync(archive), gcs.Objects[key].Data);
        var chunks = Chunks(gcs);
        Assert.Equal((size + Chunk - 1) / Chunk, chunks.Count);
        Assert.Equal($"bytes 0-{Chunk - 1}/{size}", chunks[0].ContentRange);
        Assert.Equal($"bytes {Chunk}-{(2 * Chunk) - 1}/{size}", chunks[1].ContentRange);
        Assert.Single(gcs.Requests, r => r.Method == "POST");
        Assert.All(gcs.Requests, r => Assert.Equal("Bearer secret-token-value", r.Authorization));
        Assert.Equal(0, gcs.OpenSessions);
        Assert.Equal(100, SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects[IndexPath].Data)).Single().Height);
    }

    [Theory]
    [InlineData(ChunkFault.Http503)]
    [InlineData(ChunkFault.Reset)]
    public async Task AChunkFails_TheUploadAsksWhereItStands_AndResumesFromThere(ChunkFault fault)
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        gcs.ChunkFault = n => n == 2 ? fault : ChunkFault.None;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Archive(dir);
        var size = new FileInfo(archive).Length;

        await Publisher(gcs, http).RunAsync(Request(archive), CancellationToken.None);

        Assert.Equal(await File.ReadAllBytesAsync(archive), gcs.Objects[$"{Bucket}/prefix/mainnet/{Path.GetFileName(archive)}"].Data);
        Assert.Contains(gcs.Requests, r => r.ContentRange == $"bytes */{size}");

        // The fake kept 256 KiB of the failed chunk: the next chunk starts there, not at the chunk's start.
        var resumeAt = Chunk + (256 * 1024);
        Assert.Equal($"bytes {resumeAt}-{resumeAt + Chunk - 1}/{size}", Chunks(gcs)[2].ContentRange);
        Assert.Single(SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects[IndexPath].Data)));
    }

    [Fact]
    public async Task ChunksKeepFailing_TheSessionIsCancelled_AndNoIndexEntryIsWritten()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        gcs.ChunkFault = n => n >= 2 ? ChunkFault.Refuse : ChunkFault.None;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Archive(dir);

        var error = await Assert.ThrowsAsync<AgentException>(() => Publisher(gcs, http).RunAsync(Request(archive), CancellationToken.None));

        Assert.Equal(ExitCodes.Network, error.ExitCode);
        Assert.Contains($"gs://{Bucket}/prefix/mainnet/{Path.GetFileName(archive)}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("upload_id", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(IndexPath, gcs.Objects.Keys);
        Assert.DoesNotContain($"{Bucket}/prefix/mainnet/{Path.GetFileName(archive)}", gcs.Objects.Keys);
        Assert.Equal(1, gcs.CancelledSessions);
        Assert.Equal(0, gcs.OpenSessions);
    }

    [Fact]
    public async Task ChunksAnswered308WithoutProgress_GiveUpAfterTheRetries_SessionCancelled()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        gcs.ChunkFault = n => n >= 2 ? ChunkFault.Discard : ChunkFault.None;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Archive(dir);

        var error = await Assert.ThrowsAsync<AgentException>(() => Publisher(gcs, http).RunAsync(Request(archive), CancellationToken.None));

        Assert.Equal(ExitCodes.Network, error.ExitCode);
        Assert.Contains($"made no progress 3 times in a row at byte {Chunk}", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Chunks(gcs).Count);
        Assert.DoesNotContain(IndexPath, gcs.Objects.Keys);
        Assert.Equal(1, gcs.CancelledSessions);
    }
}
