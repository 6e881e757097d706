using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// Publishing each cut to IPFS as well as to the bucket: after the bucket's <c>publish</c>, the
/// job runs the snapshot agent's <c>publish --to ipfs+http(s)://…</c>, which adds the archive and
/// its manifest to a Kubo node through its RPC API (pinned, CIDv1), optionally pins both at a
/// remote Pinning Service API provider, and lists the CIDs in an index of its own
/// (<c>--index-to</c>). Secrets are Kubernetes Secrets created outside the stack, mounted as files
/// the agent reads (<c>--pin-token-file</c>, <c>--ipfs-api-auth-file</c>); their values are never
/// in the graph. Options: tools/ZcashInfra.SnapshotAgent <c>Cli/PublishCommandLine.cs</c>,
/// <c>Cli/IpfsPublishOptions.cs</c>.
/// </summary>
public sealed record SnapshotJobIpfs
{
    /// <summary>
    /// The Kubo node's RPC API root, <c>http://</c> or <c>https://</c> without path, credentials or
    /// query (e.g. <c>http://kubo.ipfs.svc.cluster.local:5001</c>); the agent's <c>--to</c> is
    /// this with <c>ipfs+</c> in front. Required.
    /// </summary>
    public required Uri KuboApi { get; init; }

    /// <summary>
    /// The store root (<c>gs://…</c> or <c>s3://…</c>) whose <c>&lt;network&gt;/snapshots.json</c>
    /// lists the IPFS snapshots. It must differ from the bucket root: that index's entries are
    /// <c>ipfs://</c> URLs, which only readers with gateways can follow. Required.
    /// </summary>
    public required string IndexTo { get; init; }

    /// <summary>A Pinning Service API endpoint that also pins both CIDs. Default: none (the Kubo node's own pin only).</summary>
    public Uri? PinService { get; init; }

    /// <summary>The Secret key holding the pinning service's access token. Required with <see cref="PinService"/>, not allowed without.</summary>
    public SecretKeyRef? PinToken { get; init; }

    /// <summary>The Secret key holding the whole <c>Authorization</c> header value Kubo's <c>API.Authorizations</c> expects. Default: none (no header).</summary>
    public SecretKeyRef? KuboAuthorization { get; init; }

    /// <summary>The agent's <c>--to</c>: the RPC root with <c>ipfs+</c> in front.</summary>
    public string Target => "ipfs+" + KuboApi.GetLeftPart(UriPartial.Authority);

    /// <summary>Every problem with these values, for the job's own check.</summary>
    public IEnumerable<string> Problems(string bucketUrl)
    {
        if (!KuboApi.IsAbsoluteUri || KuboApi.Scheme is not ("http" or "https") || KuboApi.UserInfo.Length > 0 || KuboApi.Query.Length > 0 || KuboApi.AbsolutePath != "/")
        {
            yield return $"Ipfs.KuboApi must be an http(s) URL of a Kubo RPC API root without path, credentials or query (e.g. http://kubo:5001), got '{KuboApi}'";
        }

        if (!(IndexTo.StartsWith("gs://", StringComparison.Ordinal) || IndexTo.StartsWith("s3://", StringComparison.Ordinal)))
        {
            yield return $"Ipfs.IndexTo must be a gs:// or s3:// store root, got '{IndexTo}'";
        }
        else if (IndexTo.TrimEnd('/') == bucketUrl.TrimEnd('/'))
        {
            yield return $"Ipfs.IndexTo must not be the bucket root {bucketUrl}: its index lists the bucket's copies (use a prefix such as {bucketUrl.TrimEnd('/')}/ipfs)";
        }

        if (PinService is { } service && (!service.IsAbsoluteUri || service.Scheme is not ("https" or "http") || service.UserInfo.Length > 0))
        {
            yield return $"Ipfs.PinService must be an http(s) URL without credentials, got '{service}'";
        }

        if ((PinService is null) != (PinToken is null))
        {
            yield return "Ipfs.PinService and Ipfs.PinToken go together (the provider needs the token; the token needs a provider)";
        }
    }
}
