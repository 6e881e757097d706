using System.Security.Cryptography;
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
/// publish to GCS as a parallel composite upload against the loopback double of the JSON API
/// (objects.insert, compose, delete, list as the reference pages describe them): parts in flight
/// at once, the composed object exact, rounds of at most 32 sources, one part retried alone, the
/// destination's generation precondition, and no temporary object left behind.
/// </summary>
public class GcsCompositeUploadTests
{
    private const int Part = 256 * 1024;
    private const string Bucket = "zcash-snapshots";
    private const string IndexPath = Bucket + "/prefix/mainnet/snapshots.json";

    private sealed class StaticToken : IAccessTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("secret-token-value");
    }

    private static GcsObjectStore Store(FakeGcs gcs, HttpClient http, int part = Part, int connections = 4, AgentLog? log = null) =>
        new(http, new StaticToken(), Bucket, gcs.Endpoint)
        {
            Upload = new UploadTuning(connections, part),
            ResumableChunkBytes = 256 * 1024,
            UploadRetry = new RetryPolicy(3, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)),
            Log = log ?? AgentLog.Null,
        };

    private static SnapshotPublisher Publisher(GcsObjectStore store, AgentLog? log = null) =>
        new(store, StoreLocation.Parse($"gs://{Bucket}/prefix"), log ?? AgentLog.Null);

    private static PublishRequest Request(string archive, TimeSpan? progress = null) => new(archive, null, new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero, progress);

    private static string ArchiveKey(string archive) => $"{Bucket}/prefix/mainnet/{Path.GetFileName(archive)}";

    private static List<GcsRequest> PartUploads(FakeGcs gcs) =>
        gcs.Requests.Where(r => r.Method == "POST" && r.Query.Contains("uploadType=media", StringComparison.Ordinal)).ToList();

    private static async Task AssertExactAsync(FakeGcs gcs, string archive)
    {
        var stored = gcs.Objects[ArchiveKey(archive)].Data;
        Assert.Equal(await File.ReadAllBytesAsync(archive), stored);
        var manifest = SnapshotJson.ParseManifest(await File.ReadAllTextAsync(archive + ".manifest.json"));
        Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
    }

    [Fact]
    public async Task LargeArchive_PartsGoUpInParallel_ComposedExact_PartsDeleted_IndexWrittenConditionallyAfterIt()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();

        // 2 MB/s per connection: a 256 KiB part takes ~130 ms, long enough for the others to overlap.
        gcs.BytesPerSecondPerConnection = 2_000_000;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        var size = new FileInfo(archive).Length;
        var parts = (int)((size + Part - 1) / Part);
        Assert.InRange(parts, 5, 32);

        await Publisher(Store(gcs, http)).RunAsync(Request(archive), CancellationToken.None);

        await AssertExactAsync(gcs, archive);
        Assert.InRange(gcs.MaxConcurrentUploads, 2, 4);
        Assert.Equal(parts, PartUploads(gcs).Count);
        Assert.All(PartUploads(gcs), r => Assert.Contains($"name={Uri.EscapeDataString($"prefix/mainnet/{Path.GetFileName(archive)}.parts/")}", r.Query, StringComparison.Ordinal));
        var compose = Assert.Single(gcs.Composes);
        Assert.Equal(ArchiveKey(archive), compose.Destination);
        Assert.Equal("0", compose.IfGenerationMatch);
        Assert.Equal(200, compose.Status);
        Assert.Equal("application/zstd", compose.ContentType);
        Assert.Equal(parts, compose.Sources.Count);
        Assert.All(compose.Sources, s => Assert.True(s.Generation.Length > 0 && s.Generation == s.IfGenerationMatch, $"{s} is pinned to its generation"));
        Assert.Equal(compose.Sources.Select(s => s.Name).Order(StringComparer.Ordinal), compose.Sources.Select(s => s.Name));
        Assert.Empty(gcs.Under(ArchiveKey(archive) + ".parts/"));
        Assert.All(gcs.Requests, r => Assert.Equal("Bearer secret-token-value", r.Authorization));

        // The index: written once, only-if-absent, after the compose.
        var requests = gcs.Requests.ToList();
        var indexWrite = Assert.Single(requests, r => r.Method == "PUT" && r.Path == IndexPath);
        Assert.Equal("0", indexWrite.IfGenerationMatch);
        Assert.True(requests.FindIndex(r => r.Path.EndsWith("/compose", StringComparison.Ordinal)) < requests.IndexOf(indexWrite));
        Assert.Equal(100, SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects[IndexPath].Data)).Single().Height);
    }

    [Fact]
    public async Task MoreThan32Parts_AreComposedInRoundsOfAtMost32_IntermediatesDeleted()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        const int part = 32 * 1024;
        var parts = (int)((new FileInfo(archive).Length + part - 1) / part);
        Assert.InRange(parts, 33, 32 * 32);

        await Publisher(Store(gcs, http, part)).RunAsync(Request(archive), CancellationToken.None);

        await AssertExactAsync(gcs, archive);
        var composes = gcs.Composes.ToList();
        Assert.All(composes, c => Assert.InRange(c.Sources.Count, 1, 32));
        var intermediates = composes.Where(c => c.Destination != ArchiveKey(archive)).ToList();
        Assert.Equal((parts + 31) / 32, intermediates.Count);
        Assert.Equal(parts, intermediates.Sum(c => c.Sources.Count));
        Assert.All(intermediates, c => Assert.StartsWith(ArchiveKey(archive) + ".parts/", c.Destination, StringComparison.Ordinal));
        var final = composes[^1];
        Assert.Equal(ArchiveKey(archive), final.Destination);
        Assert.Equal("0", final.IfGenerationMatch);
        Assert.Equal(intermediates.Select(c => c.Destination[(Bucket.Length + 1)..]).Order(StringComparer.Ordinal), final.Sources.Select(s => s.Name));
        Assert.Empty(gcs.Under(ArchiveKey(archive) + ".parts/"));
    }

    [Theory]
    [InlineData(ChunkFault.Http503)]
    [InlineData(ChunkFault.Reset)]
    public async Task OnePartFails_OnlyThatPartIsSentAgain_ObjectExact_ProgressCountsEachByteOnce(ChunkFault fault)
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        gcs.MediaFault = (name, attempt) => name.EndsWith("/00002", StringComparison.Ordinal) && attempt == 1 ? fault : ChunkFault.None;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        var size = new FileInfo(archive).Length;
        var output = new StringWriter();
        var log = new AgentLog(TextWriter.Synchronized(output));

        await Publisher(Store(gcs, http, log: log), log).RunAsync(Request(archive, TimeSpan.FromTicks(1)), CancellationToken.None);

        await AssertExactAsync(gcs, archive);
        var uploads = PartUploads(gcs).GroupBy(r => r.Query[(r.Query.LastIndexOf("%2F", StringComparison.Ordinal) + 3)..]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, uploads["00002"]);
        Assert.All(uploads.Where(u => u.Key != "00002"), u => Assert.Equal(1, u.Value));
        Assert.Empty(gcs.Under(ArchiveKey(archive) + ".parts/"));

        // The failed attempt's bytes are taken back: the last line counts the archive once, not more.
        var logged = output.ToString();
        Assert.Contains($"{ByteSize.Format(size)} of {ByteSize.Format(size)} (100.0%)", logged, StringComparison.Ordinal);
        Assert.Contains("uploading that part again", logged, StringComparison.Ordinal);
        ProgressLines.AssertPartWayAndDone(logged, "upload gs://");
        Assert.DoesNotContain("secret-token-value", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DestinationWrittenMeanwhile_FailsWithConflict_LeavesItAlone_NoPartsNoIndex()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        var other = Encoding.UTF8.GetBytes("someone else's archive");
        gcs.BeforeCompose = destination =>
        {
            if (destination == ArchiveKey(archive) && !gcs.Objects.ContainsKey(destination))
            {
                gcs.Put(destination, other);
            }
        };

        var error = await Assert.ThrowsAsync<AgentException>(() => Publisher(Store(gcs, http)).RunAsync(Request(archive), CancellationToken.None));

        Assert.Equal(ExitCodes.Conflict, error.ExitCode);
        Assert.Contains($"gs://{Bucket}/prefix/mainnet/{Path.GetFileName(archive)} was written by someone else", error.Message, StringComparison.Ordinal);
        Assert.Equal(412, gcs.Composes.Single().Status);
        Assert.Equal(other, gcs.Objects[ArchiveKey(archive)].Data);
        Assert.Empty(gcs.Under(ArchiveKey(archive) + ".parts/"));
        Assert.DoesNotContain(IndexPath, gcs.Objects.Keys);
    }

    [Fact]
    public async Task AComposeWhoseAnswerIsLost_IsRecognisedByItsRunId_NotTakenForAConflict()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        var lost = 0;
        gcs.LoseComposeAnswer = destination => destination == ArchiveKey(archive) && Interlocked.Increment(ref lost) == 1;

        await Publisher(Store(gcs, http)).RunAsync(Request(archive), CancellationToken.None);

        await AssertExactAsync(gcs, archive);

        // The first compose went through (its answer was turned into a 503); the retry met the
        // archive at a new generation (412), which carries this run's id, so the run went on.
        Assert.Equal([200, 412], gcs.Composes.Where(c => c.Destination == ArchiveKey(archive)).Select(c => c.Status));
        Assert.Empty(gcs.Under(ArchiveKey(archive) + ".parts/"));
        Assert.Equal(100, SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects[IndexPath].Data)).Single().Height);
    }

    [Fact]
    public async Task ArchiveAlreadyThere_IsReplaced_OnlyAtTheGenerationFoundAtTheStart()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);
        gcs.Put(ArchiveKey(archive), Encoding.UTF8.GetBytes("an earlier upload of the same name"));
        var before = gcs.Objects[ArchiveKey(archive)].Generation;

        await Publisher(Store(gcs, http)).RunAsync(Request(archive), CancellationToken.None);

        await AssertExactAsync(gcs, archive);
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), gcs.Composes.Single().IfGenerationMatch);
    }

    [Fact]
    public async Task APartKeepsFailing_Exit5_NoObject_NoParts_NoIndex()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        gcs.MediaFault = (name, _) => name.EndsWith("/00001", StringComparison.Ordinal) ? ChunkFault.Refuse : ChunkFault.None;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var archive = Snapshots.Create(dir, 100, files: 4, fileSize: 1 << 20);

        var error = await Assert.ThrowsAsync<AgentException>(() => Publisher(Store(gcs, http)).RunAsync(Request(archive), CancellationToken.None));

        Assert.Equal(ExitCodes.Network, error.ExitCode);
        Assert.Contains("failed 3 times in a row", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(gcs.Composes);
        Assert.DoesNotContain(ArchiveKey(archive), gcs.Objects.Keys);
        Assert.Empty(gcs.Under(ArchiveKey(archive) + ".parts/"));
        Assert.DoesNotContain(IndexPath, gcs.Objects.Keys);
    }

    [Fact]
    public async Task SmallArchive_OrOneConnection_KeepsTheSingleRequestAndResumablePaths()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var small = Snapshots.Create(dir, 100, files: 1, fileSize: 64 * 1024);
        Assert.True(new FileInfo(small).Length < Part);
        var large = Snapshots.Create(dir, 101, files: 4, fileSize: 1 << 20);

        await Publisher(Store(gcs, http)).RunAsync(Request(small), CancellationToken.None);
        await Publisher(Store(gcs, http, connections: 1)).RunAsync(Request(large), CancellationToken.None);

        Assert.Empty(PartUploads(gcs));
        Assert.Empty(gcs.Composes);
        Assert.Contains(gcs.Requests, r => r.Method == "PUT" && r.Path == ArchiveKey(small));
        Assert.Contains(gcs.Requests, r => r.Method == "POST" && r.Query.Contains("uploadType=resumable", StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(large), gcs.Objects[ArchiveKey(large)].Data);
    }
}
