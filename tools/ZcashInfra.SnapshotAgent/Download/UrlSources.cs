using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Ipfs;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// Opens what restore and verify read, by URL scheme: http(s) through the agent's HttpClient,
/// file:// from disk, ipfs:// through HTTP gateways, s3:// and gs:// through the same store clients publish uses (credentials
/// from the pod's identity). Every source reads from any offset, so every scheme resumes, retries,
/// times out and reports progress the same way.
/// </summary>
public sealed class UrlSources : IDisposable
{
    public UrlSources(HttpClient http, StoreEndpoints endpoints)
    {
        Http = http;

        // The resumable reader counts and bounds every attempt; SDK retries underneath would multiply them.
        Stores = new ObjectStores(http, endpoints, sdkRetries: false);
    }

    public HttpClient Http { get; }

    public ObjectStores Stores { get; }

    /// <summary>The gateways ipfs:// URLs are read through (none: ipfs:// is a usage error).</summary>
    public IpfsGateways? Ipfs { get; init; }

    /// <summary>The schemes <see cref="Open"/> reads.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["http", "https", "file", "s3", "gs", "ipfs"];

    /// <summary>The range source for an archive URL.</summary>
    public IRangeSource Open(Uri url) => url.Scheme switch
    {
        "http" or "https" => new HttpRangeSource(Http, url),
        "file" => new FileRangeSource(url.LocalPath),
        "s3" or "gs" => new StoreRangeSource(Stores.Locate(url)),
        IpfsUrl.Scheme => new GatewayFailoverSource(Http, Ipfs ?? throw NoGateway(url), url),
        _ => throw new ArgumentException($"unsupported URL scheme '{url.Scheme}' in {url} (use {string.Join(", ", Schemes)})", nameof(url)),
    };

    internal static AgentException NoGateway(Uri url) => new(ExitCodes.Usage, $"{url} needs at least one --ipfs-gateway URL to be read through");

    public void Dispose() => Stores.Dispose();
}
