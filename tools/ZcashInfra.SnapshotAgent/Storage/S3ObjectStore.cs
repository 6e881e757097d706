using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.IO;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// S3 through the AWS SDK. Credentials come from the SDK's usual chain (environment, IRSA web
/// identity, instance profile) and are never logged. Conditional writes use S3's
/// <c>If-None-Match: *</c> and <c>If-Match: &lt;etag&gt;</c>; ranged reads resume with
/// <c>Range</c> guarded by <c>If-Match</c> on the first read's ETag.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    /// <summary>S3 allows 10,000 parts; stay under that with room to spare.</summary>
    private const long MaxParts = 9000;

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;

    /// <param name="bucket">The bucket.</param>
    /// <param name="endpoint">An S3-compatible endpoint (path-style); null for AWS.</param>
    /// <param name="region">The region; null for the SDK's default chain (AWS_REGION, profile).</param>
    /// <param name="sdkRetries">
    /// False when the caller retries itself: restore's resumable reader counts, logs and bounds
    /// every attempt, and SDK retries underneath would multiply them.
    /// </param>
    public S3ObjectStore(string bucket, Uri? endpoint, string? region, bool sdkRetries = true)
    {
        _bucket = bucket;
        var config = new AmazonS3Config
        {
            // The agent's own SHA-256 covers every byte of an archive, resumed or not; the SDK's
            // CRC check would only cover downloads that never resumed, at extra CPU per byte.
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!sdkRetries)
        {
            config.MaxErrorRetry = 0;
        }

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

    /// <summary>
    /// Smallest part of a multipart upload, and the size from which an upload is multipart
    /// (64 MiB; S3's own minimum part is 5 MiB: AWS S3 API reference, UploadPart).
    /// </summary>
    public long MinPartSize { get; init; } = UploadTuning.DefaultPartBytes;

    /// <summary>Parts uploaded at once (each on its own connection, each its own buffer).</summary>
    public int UploadConcurrency { get; init; } = UploadTuning.DefaultConnections;

    public string Describe(string key) => $"s3://{_bucket}/{key}";

    public Uri Url(string key) => new($"s3://{_bucket}/{ObjectKeys.Escape(key)}");

    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken) =>
        UploadFileAsync(key, path, contentType, _ => { }, cancellationToken);

    public async Task UploadFileAsync(string key, string path, string contentType, Action<long> sent, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        // Files of MinPartSize or more go up as a multipart upload, UploadConcurrency parts at once;
        // on a failed part the SDK aborts the upload (no orphaned parts), and the object only
        // exists once CompleteMultipartUpload succeeds, so the index never names a partial one.
        using var transfer = new TransferUtility(_s3, new TransferUtilityConfig { ConcurrentServiceRequests = UploadConcurrency, MinSizeBeforePartUpload = MinPartSize });
        var request = new TransferUtilityUploadRequest
        {
            BucketName = _bucket,
            Key = key,
            FilePath = path,
            ContentType = contentType,
            PartSize = Math.Max(MinPartSize, (size / MaxParts) + 1),
        };

        // The SDK reports cumulative bytes (per part, from several threads): pass on the growth only.
        long reported = 0;
        request.UploadProgressEvent += (_, e) =>
        {
            long was;
            do
            {
                was = Interlocked.Read(ref reported);
                if (e.TransferredBytes <= was)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref reported, e.TransferredBytes, was) != was);
            sent(e.TransferredBytes - was);
        };
        try
        {
            await transfer.UploadAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
        {
            throw Failure(e, key, "upload");
        }
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
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
        {
            throw Failure(e, key, "read");
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
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
        {
            throw Failure(e, key, "write");
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
        {
            throw Failure(e, key, "delete");
        }
    }

    /// <summary>
    /// A publish-side S3 failure as one line naming the object (exit 5): a missing bucket, access
    /// denied, no credentials, a refused connection. Credentials never appear (the SDK's messages
    /// name the error, not the keys).
    /// </summary>
    private AgentException Failure(Exception error, string key, string operation)
    {
        if (error is AmazonServiceException service)
        {
            var why = service.ErrorCode switch
            {
                "NoSuchBucket" => $"bucket {_bucket} does not exist",
                "AccessDenied" => "access denied: the identity the agent runs as (IRSA role, instance profile, environment) may not do this",
                _ => service.Message,
            };
            return new AgentException(ExitCodes.Network, $"cannot {operation} {Describe(key)}: {why} (S3 HTTP {(int)service.StatusCode} {service.ErrorCode})".Replace(" )", ")", StringComparison.Ordinal), error);
        }

        return new AgentException(ExitCodes.Network, $"cannot {operation} {Describe(key)}: {error.Message}", error);
    }

    public async Task<ObjectRead?> OpenReadAsync(string key, long offset, string? version, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = key };
        if (offset > 0)
        {
            request.ByteRange = new ByteRange($"bytes={offset.ToString(CultureInfo.InvariantCulture)}-");
        }

        if (version is not null)
        {
            request.EtagToMatch = version;
        }

        GetObjectResponse response;
        try
        {
            response = await _s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (IsNetworkFailure(e))
        {
            throw new TransientSourceException($"S3 GET {Describe(key)} failed: {e.Message}", e);
        }
        catch (AmazonServiceException e)
        {
            throw ReadFailure(e, key, version);
        }
        catch (AmazonClientException e)
        {
            // No credentials, no region: nothing a retry changes.
            throw new AgentException(ExitCodes.Network, $"cannot read {Describe(key)}: {e.Message}", e);
        }

        try
        {
            return new ObjectRead(new OwningStream(response.ResponseStream, response), TotalLength(response, key, offset), response.ETag);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private long TotalLength(GetObjectResponse response, string key, long offset)
    {
        if (offset == 0)
        {
            return response.ContentLength;
        }

        // "bytes <from>-<to>/<total>"
        var range = response.ContentRange ?? "";
        var slash = range.LastIndexOf('/');
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (!range.StartsWith("bytes ", StringComparison.Ordinal) || slash < 0 || dash < 0
            || !long.TryParse(range.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var from) || from != offset
            || !long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            throw new AgentException(ExitCodes.Network, $"cannot resume {Describe(key)} at byte {offset}: S3 answered with Content-Range '{range}'");
        }

        return total;
    }

    private Exception ReadFailure(AmazonServiceException e, string key, string? version)
    {
        var status = (int)e.StatusCode;
        if (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return new AgentException(ExitCodes.Network, $"{Describe(key)} changed during the download (its ETag is no longer {version}); run again to fetch the new object", e);
        }

        if (status >= 500 || e.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || e.ErrorCode is "SlowDown" or "RequestTimeout")
        {
            return new TransientSourceException($"S3 HTTP {status} {e.ErrorCode}".TrimEnd(), e);
        }

        if (e.StatusCode == HttpStatusCode.Forbidden)
        {
            return new AgentException(ExitCodes.Network, $"access denied reading {Describe(key)} (S3 HTTP 403 {e.ErrorCode}): the identity the agent runs as (IRSA role, instance profile, environment) may not read it", e);
        }

        return new AgentException(ExitCodes.Network, $"S3 HTTP {status} {e.ErrorCode} for {Describe(key)}: {e.Message}", e);
    }

    /// <summary>A refused or reset connection, wherever the SDK wrapped it.</summary>
    private static bool IsNetworkFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _s3.Dispose();
}
