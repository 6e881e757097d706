namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>Where the store clients connect; every null means the cloud's own default.</summary>
/// <param name="S3Endpoint">An S3-compatible endpoint (path-style addressing); null for AWS.</param>
/// <param name="S3Region">The S3 region; null for the SDK's chain (AWS_REGION, profile).</param>
/// <param name="GcsEndpoint">The GCS XML API; null for <see cref="GcsObjectStore.DefaultEndpoint"/>.</param>
/// <param name="GcsMetadataUrl">The metadata server's token URL; null for <see cref="GoogleAccessTokenSource.DefaultMetadataUrl"/>.</param>
public sealed record StoreEndpoints(Uri? S3Endpoint, string? S3Region, Uri? GcsEndpoint, Uri? GcsMetadataUrl)
{
    public static StoreEndpoints Default { get; } = new(null, null, null, null);
}
