namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// The store clients of one run: one per bucket (or directory), shared by every object read or
/// written there, and one Google token source for every gs:// bucket (one metadata request per
/// token lifetime, not per object).
/// </summary>
public sealed class ObjectStores : IDisposable
{
    private readonly HttpClient _http;
    private readonly StoreEndpoints _endpoints;
    private readonly bool _sdkRetries;
    private readonly UploadTuning _upload;
    private readonly Logging.AgentLog _log;
    private readonly Lazy<GoogleAccessTokenSource> _googleTokens;
    private readonly Dictionary<(string Scheme, string Bucket), IObjectStore> _open = [];
    private readonly Lock _gate = new();

    /// <param name="http">The agent's HTTP client (GCS, the metadata server).</param>
    /// <param name="endpoints">Endpoint overrides.</param>
    /// <param name="sdkRetries">False when the caller retries and resumes itself (restore, verify).</param>
    /// <param name="upload">How large uploads are split (publish); default <see cref="UploadTuning.Default"/>.</param>
    /// <param name="log">Where the stores log what they do on their own (a GCS composite upload's plan and cleanup).</param>
    public ObjectStores(HttpClient http, StoreEndpoints endpoints, bool sdkRetries = true, UploadTuning? upload = null, Logging.AgentLog? log = null)
    {
        _http = http;
        _endpoints = endpoints;
        _sdkRetries = sdkRetries;
        _upload = upload ?? UploadTuning.Default;
        _log = log ?? Logging.AgentLog.Null;
        _googleTokens = new(() => new GoogleAccessTokenSource(http, endpoints.GcsMetadataUrl));
    }

    /// <summary>True for the URL schemes a store serves (<c>s3://</c>, <c>gs://</c>).</summary>
    public static bool IsObjectUrl(Uri url) => url.Scheme is "s3" or "gs";

    /// <summary>The store for <paramref name="location"/> (publish's <c>--to</c>).</summary>
    public IObjectStore Open(StoreLocation location) => location.Scheme == "file"
        ? Get("file", location.Prefix)
        : Get(location.Scheme, location.Bucket);

    /// <summary>The store and key an <c>s3://bucket/key</c> or <c>gs://bucket/key</c> URL names.</summary>
    public StoreObject Locate(Uri url)
    {
        var key = ObjectKeys.FromUrl(url);
        if (!IsObjectUrl(url) || url.Host.Length == 0 || key.Length == 0)
        {
            throw new ArgumentException($"{url} is not an s3://bucket/key or gs://bucket/key URL", nameof(url));
        }

        return new StoreObject(Get(url.Scheme, url.Host), key);
    }

    private IObjectStore Get(string scheme, string bucket)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue((scheme, bucket), out var store))
            {
                store = scheme switch
                {
                    "s3" => OpenS3(bucket),
                    "gs" => new GcsObjectStore(_http, _googleTokens.Value, bucket, _endpoints.GcsEndpoint) { Upload = _upload, Log = _log },
                    "file" => new FileObjectStore(bucket),
                    _ => throw new ArgumentException($"unsupported store scheme {scheme}"),
                };
                _open[(scheme, bucket)] = store;
            }

            return store;
        }
    }

    private S3ObjectStore OpenS3(string bucket)
    {
        try
        {
            return new S3ObjectStore(bucket, _endpoints.S3Endpoint, _endpoints.S3Region, _sdkRetries) { UploadConcurrency = _upload.Connections, MinPartSize = _upload.PartBytes };
        }
        catch (Amazon.Runtime.AmazonClientException e)
        {
            throw new Errors.AgentException(Errors.ExitCodes.Usage, $"cannot open s3://{bucket}: {e.Message} (pass --s3-region or set AWS_REGION)", e);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var store in _open.Values)
            {
                (store as IDisposable)?.Dispose();
            }

            _open.Clear();
        }
    }
}
