using Amazon.S3;
using Amazon.S3.Model;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// publish's archive upload as an S3 multipart upload with parts in parallel (moto, through a
/// fault-injecting proxy): the object is exact, and a part that keeps failing aborts the upload
/// (no incomplete multipart upload left) and never yields an index entry.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class S3MultipartPublishTests(MotoServer moto) : IDisposable
{
    /// <summary>S3's smallest part (AWS S3 API reference, UploadPart: 5 MiB except the last part).</summary>
    private const long PartBytes = 5L << 20;

    private readonly AmazonS3Client _s3 = new(new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private async Task<string> NewBucketAsync()
    {
        var bucket = "multipart-" + Guid.NewGuid().ToString("N")[..12];
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>An archive of three or more parts.</summary>
    private static string Archive(TempDirectory dir) => Snapshots.Create(dir, 100, files: 16, fileSize: 2 << 20);

    private static SnapshotPublisher Publisher(string bucket, FaultProxy proxy) =>
        new(new S3ObjectStore(bucket, proxy.Endpoint, "us-east-1") { MinPartSize = PartBytes, UploadConcurrency = 3 }, StoreLocation.Parse($"s3://{bucket}/zcash"), AgentLog.Null);

    private static PublishRequest Request(string archive) => new(archive, null, new RetentionPolicy(3, null), "job", TimeSpan.FromMinutes(5), TimeSpan.Zero);

    [Fact]
    public async Task LargeArchive_GoesUpInParts_ObjectExact_NoUploadLeftOpen()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        var archive = Archive(dir);
        var name = Path.GetFileName(archive);
        var size = new FileInfo(archive).Length;
        Assert.True(size > 2 * PartBytes, $"archive of {size} bytes");

        await Publisher(bucket, proxy).RunAsync(Request(archive), CancellationToken.None);

        var parts = proxy.Requests.Where(r => r.Method == "PUT" && r.Path == $"/{bucket}/zcash/mainnet/{name}" && r.Query.Contains("partNumber=", StringComparison.Ordinal)).ToList();
        Assert.Equal((size + PartBytes - 1) / PartBytes, parts.Count);
        using (var response = await _s3.GetObjectAsync(bucket, $"zcash/mainnet/{name}"))
        using (var copy = new MemoryStream())
        {
            await response.ResponseStream.CopyToAsync(copy);
            Assert.Equal(await File.ReadAllBytesAsync(archive), copy.ToArray());
        }

        Assert.Empty((await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads ?? []);
        using var index = await _s3.GetObjectAsync(bucket, "zcash/mainnet/snapshots.json");
        using var reader = new StreamReader(index.ResponseStream);
        Assert.Equal(100, SnapshotJson.ParseIndex(await reader.ReadToEndAsync()).Single().Height);
    }

    [Fact]
    public async Task APartThatKeepsFailing_AbortsTheUpload_AndNoIndexEntryIsWritten()
    {
        using var dir = new TempDirectory();
        var bucket = await NewBucketAsync();
        await using var proxy = await FaultProxy.StartAsync(moto.Endpoint);
        proxy.FailWhen = request => request.Method == "PUT" && request.Query["partNumber"] == "2";
        var archive = Archive(dir);

        var error = await Assert.ThrowsAsync<AgentException>(() => Publisher(bucket, proxy).RunAsync(Request(archive), CancellationToken.None));

        Assert.Equal(ExitCodes.Network, error.ExitCode);
        Assert.Contains(Path.GetFileName(archive), error.Message, StringComparison.Ordinal);
        var keys = ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []).Select(o => o.Key).ToList();
        Assert.DoesNotContain("zcash/mainnet/snapshots.json", keys);
        Assert.DoesNotContain($"zcash/mainnet/{Path.GetFileName(archive)}", keys);
        Assert.Empty((await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads ?? []);
        Assert.Contains(proxy.Requests, r => r.Method == "DELETE" && r.Query.Contains("uploadId=", StringComparison.Ordinal));
    }

    public void Dispose() => _s3.Dispose();
}
