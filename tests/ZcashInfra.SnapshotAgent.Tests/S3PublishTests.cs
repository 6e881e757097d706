using Amazon.S3;
using Amazon.S3.Model;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>publish to S3 through the AWS SDK against a real S3 API (moto).</summary>
[Collection(MotoCollection.Name)]
public sealed class S3PublishTests(MotoServer moto) : IDisposable
{
    private readonly AmazonS3Client _s3 = new(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private async Task<string> NewBucketAsync()
    {
        var bucket = "snapshots-" + Guid.NewGuid().ToString("N")[..12];
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    private async Task<string> ReadAsync(string bucket, string key)
    {
        using var response = await _s3.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    private async Task<List<string>> KeysAsync(string bucket) =>
        [.. ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];

    private string[] Publish(string bucket, string archive, params string[] more) =>
        ["publish", "--to", $"s3://{bucket}/zcash", "--archive", archive, "--s3-endpoint", moto.Endpoint.ToString(), "--s3-region", "us-east-1", .. more];

    [Fact]
    public async Task Publish_UploadsObjectsAndIndex_AndRetentionPrunes()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();

        foreach (var height in new[] { 100L, 200, 300 })
        {
            var result = await AgentRun.RunAsync(Publish(bucket, Snapshots.Create(dir, height), "--keep", "2"));
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
            Assert.DoesNotContain("testing", result.Output, StringComparison.Ordinal); // credentials never printed
        }

        var index = SnapshotJson.ParseIndex(await ReadAsync(bucket, "zcash/mainnet/snapshots.json"));
        Assert.Equal([300L, 200], index.Select(e => e.Height));
        Assert.Equal(["latest"], index[0].Roles);
        // Without --public-base-url the index names the store's own URLs, which restore reads with credentials.
        Assert.Equal($"s3://{bucket}/zcash/mainnet/zebra-mainnet-h300.tar.zst", index[0].Url);
        Assert.Equal($"s3://{bucket}/zcash/mainnet/zebra-mainnet-h300.tar.zst.manifest.json", index[0].ManifestUrl);
        Assert.Equal(
            ["zcash/mainnet/snapshots.json", "zcash/mainnet/zebra-mainnet-h200.tar.zst", "zcash/mainnet/zebra-mainnet-h200.tar.zst.manifest.json", "zcash/mainnet/zebra-mainnet-h200.tar.zst.sha256", "zcash/mainnet/zebra-mainnet-h300.tar.zst", "zcash/mainnet/zebra-mainnet-h300.tar.zst.manifest.json", "zcash/mainnet/zebra-mainnet-h300.tar.zst.sha256"],
            await KeysAsync(bucket));
    }

    [Fact]
    public async Task PublishToABucketThatDoesNotExist_IsANetworkError_NamingTheUrl()
    {
        using var dir = new TempDirectory();
        var bucket = "missing-" + Guid.NewGuid().ToString("N")[..12];

        var result = await AgentRun.RunAsync(Publish(bucket, Snapshots.Create(dir, 100)));

        Assert.True(result.ExitCode == ExitCodes.Network, result.ToString());
        RestoreAssert.OneErrorLine(result, $"s3://{bucket}/zcash/mainnet/zebra-mainnet-h100.tar.zst");
        Assert.Contains($"bucket {bucket} does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("testing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedSnapshot_WithAPublicBaseUrl_RestoresOverHttpFromTheBucket()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var archive = Snapshots.Create(dir, 100);
        Assert.Equal(0, (await AgentRun.RunAsync(Publish(bucket, archive, "--public-base-url", new Uri(moto.Endpoint, $"{bucket}/zcash/").ToString()))).ExitCode);

        // Readers are anonymous: a bucket that publishes grants s3:GetObject to everyone (never listing).
        await _s3.PutBucketPolicyAsync(bucket, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""");
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", new Uri(moto.Endpoint, $"{bucket}/zcash/mainnet/snapshots.json").ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(StateTrees.Snapshot(dir.Combine("src-mainnet-100", "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
    }

    [Fact]
    public async Task ConditionalWrites_CreateOnlyAndReplaceIfUnchanged()
    {
        var bucket = await NewBucketAsync();
        using var store = new S3ObjectStore(bucket, moto.Endpoint, "us-east-1");

        Assert.True(await store.PutTextAsync("k", "one", WriteCondition.Absent, CancellationToken.None));
        Assert.False(await store.PutTextAsync("k", "two", WriteCondition.Absent, CancellationToken.None));
        var current = await store.GetTextAsync("k", CancellationToken.None);
        Assert.Equal("one", current!.Content);
        Assert.True(await store.PutTextAsync("k", "three", WriteCondition.Matches(current.Version), CancellationToken.None));
        Assert.False(await store.PutTextAsync("k", "four", WriteCondition.Matches(current.Version), CancellationToken.None));
        Assert.Equal("three", (await store.GetTextAsync("k", CancellationToken.None))!.Content);
        Assert.Null(await store.GetTextAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task SecondPublisherWhileTheLockIsHeld_FailsAndTheFirstSnapshotSurvives()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        Assert.Equal(0, (await AgentRun.RunAsync(Publish(bucket, Snapshots.Create(dir, 100)))).ExitCode);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "zcash/mainnet/snapshots.json.lock",
            ContentBody = SnapshotJson.WriteLock(new PublishLockRecord("other-job", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1))),
        });

        var result = await AgentRun.RunAsync(Publish(bucket, Snapshots.Create(dir, 200), "--lock-wait-seconds", "0.5"));

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("other-job", result.Error, StringComparison.Ordinal);
        var index = SnapshotJson.ParseIndex(await ReadAsync(bucket, "zcash/mainnet/snapshots.json"));
        Assert.Equal([100L], index.Select(e => e.Height));
        Assert.Contains("zcash/mainnet/zebra-mainnet-h100.tar.zst", await KeysAsync(bucket));
    }

    [Fact]
    public async Task ConcurrentPublishers_AllSnapshotsAreIndexed()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        var location = StoreLocation.Parse($"s3://{bucket}/zcash");
        var archives = new[] { 100L, 200, 300 }.Select(h => Snapshots.Create(dir, h)).ToList();

        await Task.WhenAll(archives.Select((archive, i) => Task.Run(async () =>
        {
            using var store = new S3ObjectStore(bucket, moto.Endpoint, "us-east-1");
            await new SnapshotPublisher(store, location, AgentLog.Null).RunAsync(
                new PublishRequest(archive, null, new RetentionPolicy(10, null), $"publisher-{i}", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(60)),
                CancellationToken.None);
        })));

        var index = SnapshotJson.ParseIndex(await ReadAsync(bucket, "zcash/mainnet/snapshots.json"));
        Assert.Equal([300L, 200, 100], index.Select(e => e.Height));
        Assert.Single(index, e => e.IsLatest);
        Assert.DoesNotContain("zcash/mainnet/snapshots.json.lock", await KeysAsync(bucket));
    }

    public void Dispose() => _s3.Dispose();
}
