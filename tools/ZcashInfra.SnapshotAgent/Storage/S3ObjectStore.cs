using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// S3 through the AWS SDK. Credentials come from the SDK's usual chain (environment, IRSA web
/// identity, instance profile) and are never logged. Conditional writes use S3's
/// <c>If-None-Match: *</c> and <c>If-Match: &lt;etag&gt;</c>.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    /// <summary>S3 allows 10,000 parts; stay under that with room to spare.</summary>
    private const long MaxParts = 9000;
    private const long MinPartSize = 64L << 20;

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly Uri? _endpoint;

    public S3ObjectStore(string bucket, Uri? endpoint, string? region)
    {
        _bucket = bucket;
        _endpoint = endpoint;
        var config = new AmazonS3Config();
        if (region is not null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        if (endpoint is not null)
        {
            // S3-compatible endpoints (moto, MinIO) want path-style addressing.
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? "us-east-1";
        }

        _s3 = new AmazonS3Client(config);
    }

    public string Describe(string key) => $"s3://{_bucket}/{key}";

    public Uri PublicUrl(string key) => _endpoint is null
        ? new Uri($"https://{_bucket}.s3.amazonaws.com/{key}")
        : new Uri(_endpoint, $"{_bucket}/{key}");

    public async Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        using var transfer = new TransferUtility(_s3);
        await transfer.UploadAsync(
            new TransferUtilityUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                FilePath = path,
                ContentType = contentType,
                PartSize = Math.Max(MinPartSize, (size / MaxParts) + 1),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredText?> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream);
            var content = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return new StoredText(content, response.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> PutTextAsync(string key, string content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = content, ContentType = "application/json" };
        if (condition.IfAbsent)
        {
            request.IfNoneMatch = "*";
        }
        else if (condition.IfVersion is { } etag)
        {
            request.IfMatch = etag;
        }

        try
        {
            await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict
            || (condition.IfVersion is not null && e.StatusCode == HttpStatusCode.NotFound))
        {
            // 412: the condition failed; 409: a concurrent conditional write won; 404: the object we
            // expected to replace was deleted meanwhile.
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _s3.Dispose();
}
