namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>Opens the store a <see cref="StoreLocation"/> names.</summary>
public static class ObjectStores
{
    public static IObjectStore Open(StoreLocation location, HttpClient http, Uri? s3Endpoint, string? s3Region, Uri? gcsEndpoint) => location.Scheme switch
    {
        "s3" => new S3ObjectStore(location.Bucket, s3Endpoint, s3Region),
        "gs" => new GcsObjectStore(http, new GoogleAccessTokenSource(http), location.Bucket, gcsEndpoint),
        "file" => new FileObjectStore(location.Prefix),
        _ => throw new ArgumentException($"unsupported store scheme {location.Scheme}"),
    };
}
