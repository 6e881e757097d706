using System.CommandLine;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>Where the s3:// and gs:// clients connect (publish writes, restore and verify read), created fresh per command.</summary>
internal sealed class StoreOptions
{
    public Option<Uri?> S3Endpoint { get; } = CommonOptions.Url("--s3-endpoint", "S3-compatible endpoint (path-style), e.g. http://127.0.0.1:9000; default: AWS.");

    public Option<string?> S3Region { get; } = new("--s3-region") { Description = "S3 region (default: AWS_REGION)." };

    public Option<Uri?> GcsEndpoint { get; } = CommonOptions.Url("--gcs-endpoint", $"GCS XML API endpoint; default {GcsObjectStore.DefaultEndpoint}.");

    public Option<Uri?> GcsMetadataUrl { get; } = CommonOptions.Url("--gcs-metadata-url", $"Metadata server token URL for gs:// when GOOGLE_OAUTH_ACCESS_TOKEN is unset (GKE Workload Identity); default {GoogleAccessTokenSource.DefaultMetadataUrl}.");

    public void AddTo(Command command)
    {
        command.Options.Add(S3Endpoint);
        command.Options.Add(S3Region);
        command.Options.Add(GcsEndpoint);
        command.Options.Add(GcsMetadataUrl);
    }

    public StoreEndpoints Read(ParseResult result) =>
        new(result.GetValue(S3Endpoint), result.GetValue(S3Region), result.GetValue(GcsEndpoint), result.GetValue(GcsMetadataUrl));
}
