using Amazon.S3;
using Amazon.S3.Model;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// restore and verify from a private S3 bucket (s3:// URLs) through the AWS SDK against moto; the
/// network's failures come from a fault-injecting proxy on 127.0.0.1 between the SDK and moto.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class S3RestoreTests(MotoServer moto) : IDisposable
{
    private const string Key = "zcash/mainnet/a.tar.zst";
    private readonly AmazonS3Client _s3 = new(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private async Task<string> NewBucketAsync()
    {
        var bucket = "private-" + Guid.NewGuid().ToString("N")[..12];
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>A Foundation-style archive (and its .sha256) uploaded to <see cref="Key"/>; returns it and its ETag.</summary>
    private async Task<(FoundationSnapshot Snapshot, string ETag)> UploadAsync(TempDirectory dir, string bucket)
    {
        var snapshot = FoundationSnapshot.Make(dir, files: 6);
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key, FilePath = snapshot.Archive });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key + ".sha256", FilePath = snapshot.Archive + ".sha256" });
        return (snapshot, put.ETag);
    }

    private static string[] Through(Uri endpoint) => ["--s3-endpoint", endpoint.ToString(), "--s3-region", "us-east-1"];

    [Fact]
    public async Task RestoreFromAnS3Index_WrittenByPublishWithoutAPublicUrl()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        foreach (var height in new[] { 100L, 200 })
        {
            var published = await AgentRun.RunAsync(["publish", "--to", $"s3://{bucket}/zcash", "--archive", Snapshots.Create(dir, height), .. Through(moto.Endpoint)]);
            Assert.True(published.ExitCode == ExitCodes.Ok, published.ToString());
        }

        var target = dir.Combine("target");
        var index = $"s3://{bucket}/zcash/mainnet/snapshots.json";

        var newest = await AgentRun.RunAsync(["restore", "--index", index, .. Through(moto.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);
        var atHeight = await AgentRun.RunAsync(["restore", "--index", index, "--height", "100", "--replace", .. Through(moto.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(newest.ExitCode == ExitCodes.Ok, newest.ToString());
        Assert.Contains($"restored s3://{bucket}/zcash/mainnet/zebra-mainnet-h200.tar.zst (height 200)", newest.Output, StringComparison.Ordinal);
        Assert.True(atHeight.ExitCode == ExitCodes.Ok, atHeight.ToString());
        Assert.Equal(StateTrees.Snapshot(dir.Combine("src-mainnet-100", "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        var marker = SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName)));
        Assert.Equal($"s3://{bucket}/zcash/mainnet/zebra-mainnet-h100.tar.zst", marker.Url);
        Assert.Equal(100, marker.Height);

        // The fixture's credentials ("testing") are the SDK's business: never in a log line.
        Assert.DoesNotContain("testing", newest.Output + newest.Error + atHeight.Output + atHeight.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelRanges_EachPinnedToTheETag_RestoreExact()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, etag) = await UploadAsync(dir, bucket);
        var length = new FileInfo(snapshot.Archive).Length;
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/{Key}", "--connections", "4", "--range-bytes", "131072", .. AgentRun.FastRetries(), .. Through(proxy.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target, $"s3://{bucket}/{Key}");
        Assert.Contains("4 connections", result.Output, StringComparison.Ordinal);
        var ranged = proxy.RequestsFor($"/{bucket}/{Key}").Skip(1).ToList();
        Assert.True(ranged.Count >= (length - 1) / 131072, $"{ranged.Count} ranged reads\n{result}");
        Assert.All(ranged, r => Assert.Equal(etag, r.IfMatch));
    }

    [Fact]
    public async Task ConnectionResetMidStream_ResumesWithARangedGetPinnedToTheETag()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, etag) = await UploadAsync(dir, bucket);
        var length = new FileInfo(snapshot.Archive).Length;
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        proxy.SetFault($"/{bucket}/{Key}", new Fault { ResetAfterBytes = length / 2 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/{Key}", .. AgentRun.FastRetries(), .. Through(proxy.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target, $"s3://{bucket}/{Key}");
        var gets = proxy.RequestsFor($"/{bucket}/{Key}");
        Assert.Equal(2, gets.Count);
        Assert.Equal("", gets[0].Range);
        var resumedAt = long.Parse(gets[1].Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, 1, length / 2);
        Assert.Equal(etag, gets[1].IfMatch);
        Assert.Contains($"s3://{bucket}/{Key}: read failed at byte {resumedAt}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"expecting sha256 {snapshot.Sha256} from s3://{bucket}/{Key}.sha256", result.Output, StringComparison.Ordinal);

        // Progress knows the object's size from S3 (percent and ETA need it), resumes included.
        Assert.Matches($@"download s3://{bucket}/{Key}: [0-9.]+ [KM]iB of [0-9.]+ [KM]iB \(100\.0%\)", result.Output);
    }

    [Fact]
    public async Task Http500OnTheResume_IsRetriedAndTheDownloadCompletes()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, _) = await UploadAsync(dir, bucket);
        var length = new FileInfo(snapshot.Archive).Length;
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        proxy.SetFault($"/{bucket}/{Key}", new Fault { ResetAfterBytes = length / 3, Http500OnRequest = 2 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/{Key}", "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(4), .. Through(proxy.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        var gets = proxy.RequestsFor($"/{bucket}/{Key}");
        Assert.Equal(3, gets.Count);
        Assert.All(gets.Skip(1), r => Assert.StartsWith("bytes=", r.Range, StringComparison.Ordinal));
        Assert.Contains("S3 HTTP 500 InternalError", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentHttp500_FailsAfterExactlyTheBoundedAttempts()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, _) = await UploadAsync(dir, bucket);
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        proxy.SetFault($"/{bucket}/{Key}", new Fault { Http500Requests = int.MaxValue });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/{Key}", "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(3), .. Through(proxy.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Equal($"restore: download of s3://{bucket}/{Key} failed after 3 attempts: S3 HTTP 500 InternalError\n", result.Error);

        // The SDK's own retries are off for reads: each attempt is one request, and each is logged.
        Assert.Equal(3, proxy.RequestsFor($"/{bucket}/{Key}").Count);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task StallMidStream_TimesOutAndResumes()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, _) = await UploadAsync(dir, bucket);
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        proxy.SetFault($"/{bucket}/{Key}", new Fault { StallAfterBytes = 100_000, StallTimes = 1 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/{Key}", "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(3, 0.5), .. Through(proxy.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Contains("server stalled: no data for 0.5 s at byte 100000", result.Output, StringComparison.Ordinal);
        Assert.Equal("bytes=100000-", proxy.RequestsFor($"/{bucket}/{Key}")[1].Range);
    }

    [Fact]
    public async Task ObjectReplacedBetweenTwoReads_FailsInsteadOfSplicing()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, _) = await UploadAsync(dir, bucket);
        var other = FoundationSnapshot.Make(dir, "other.tar.zst", files: 5);
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        proxy.SetFault($"/{bucket}/{Key}", new Fault { ResetAfterBytes = new FileInfo(snapshot.Archive).Length / 2 });
        proxy.BeforeForward = async (_, request) =>
        {
            if (request == 2)
            {
                await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key, FilePath = other.Archive });
            }
        };
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/{Key}", "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(), .. Through(proxy.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Contains($"s3://{bucket}/{Key} changed during the download", result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task MissingObjects_FailWithOneLineNamingTheUrl()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var target = dir.Combine("target");

        var archive = await AgentRun.RunAsync(["restore", "--url", $"s3://{bucket}/zcash/mainnet/missing.tar.zst", "--sha256", new string('a', 64), .. Through(moto.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);
        var index = await AgentRun.RunAsync(["restore", "--index", $"s3://{bucket}/nothing/mainnet/snapshots.json", .. Through(moto.Endpoint), .. FoundationSnapshot.RestoreArgs(target)]);
        var digest = await AgentRun.RunAsync(["verify", "--url", $"s3://{bucket}/zcash/mainnet/missing.tar.zst", .. Through(moto.Endpoint)]);

        Assert.Equal(ExitCodes.Network, archive.ExitCode);
        Assert.Equal($"restore: s3://{bucket}/zcash/mainnet/missing.tar.zst not found (no such object)\n", archive.Error);
        Assert.Equal(ExitCodes.Network, index.ExitCode);
        Assert.Equal($"restore: index s3://{bucket}/nothing/mainnet/snapshots.json not found or not readable (HTTP 404/403)\n", index.Error);
        Assert.Equal(ExitCodes.Integrity, digest.ExitCode);
        Assert.Contains($"s3://{bucket}/zcash/mainnet/missing.tar.zst.sha256 not found", digest.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task Verify_ReadsTheArchiveAndTheSha256BesideItFromTheBucket()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var (snapshot, _) = await UploadAsync(dir, bucket);

        var result = await AgentRun.RunAsync(["verify", "--url", $"s3://{bucket}/{Key}", "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", .. Through(moto.Endpoint)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"verified s3://{bucket}/{Key}: sha256 {snapshot.Sha256}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRead_FromAnOffset_ReturnsTheTailTheTotalAndTheVersion()
    {
        var bucket = await NewBucketAsync();
        var content = StateTrees.Content(7, 100_000);
        var etag = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", InputStream = new MemoryStream(content) })).ETag;
        using var store = new S3ObjectStore(bucket, moto.Endpoint, "us-east-1", sdkRetries: false);

        var read = await store.OpenReadAsync("k", 60_000, etag, CancellationToken.None);
        using var tail = new MemoryStream();
        await using (read!.Body)
        {
            await read.Body.CopyToAsync(tail);
        }

        Assert.Equal(content[60_000..], tail.ToArray());
        Assert.Equal(100_000, read.TotalLength);
        Assert.Equal(etag, read.Version);
        Assert.Null(await store.OpenReadAsync("absent", 0, null, CancellationToken.None));
        var changed = await Assert.ThrowsAsync<AgentException>(() => store.OpenReadAsync("k", 10, "\"0123456789abcdef0123456789abcdef\"", CancellationToken.None));
        Assert.Contains($"s3://{bucket}/k changed during the download", changed.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri($"s3://{bucket}/a%20b/c.tar.zst"), store.Url("a b/c.tar.zst"));
    }

    public void Dispose() => _s3.Dispose();
}
