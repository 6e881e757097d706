using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotJob;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>snapshotSchedule.cuts[].ipfs</c>: also publish each cut to an IPFS node, after the bucket.
/// The stack runs no IPFS node: it names one the job can reach (see docs/ipfs.md).
/// </summary>
public sealed record SnapshotCutIpfsSettings
{
    /// <summary>
    /// The Kubo node's RPC API root, <c>http://</c> or <c>https://</c> without path, credentials or
    /// query, e.g. <c>http://kubo.ipfs.svc.cluster.local:5001</c>. Required.
    /// </summary>
    public string? KuboApi { get; init; }

    /// <summary>
    /// The store root whose <c>&lt;network&gt;/snapshots.json</c> lists the IPFS copies
    /// (<c>gs://…</c> on gcp, <c>s3://…</c> on aws, written as the snapshot writer). Default: the
    /// snapshot bucket's <c>ipfs</c> prefix, <c>&lt;bucket&gt;/ipfs</c>. Never the bucket root,
    /// whose index lists the bucket's copies.
    /// </summary>
    public string? IndexTo { get; init; }

    /// <summary>A Pinning Service API endpoint that also pins each cut, e.g. <c>https://api.provider.example/psa</c>. Default: none.</summary>
    public string? PinService { get; init; }

    /// <summary>The Secret key holding the pinning service's access token. Required with <c>pinService</c>.</summary>
    public SecretKeySettings? PinToken { get; init; }

    /// <summary>The Secret key holding the whole <c>Authorization</c> value of Kubo's <c>API.Authorizations</c>. Default: none.</summary>
    public SecretKeySettings? KuboAuthorization { get; init; }

    /// <summary>The component's view, with <see cref="IndexTo"/> defaulted under <paramref name="bucketUrl"/>.</summary>
    public SnapshotJobIpfs ToArgs(string bucketUrl) => new()
    {
        KuboApi = new Uri(KuboApi!),
        IndexTo = IndexTo ?? bucketUrl.TrimEnd('/') + "/ipfs",
        PinService = PinService is { } service ? new Uri(service) : null,
        PinToken = PinToken?.ToArgs(),
        KuboAuthorization = KuboAuthorization?.ToArgs(),
    };

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        if (string.IsNullOrWhiteSpace(KuboApi))
        {
            errors.Add(path["kuboApi"], "is required: the Kubo RPC API root the job adds each cut to, e.g. http://kubo.ipfs.svc.cluster.local:5001");
        }
        else
        {
            errors.Require(
                Uri.TryCreate(KuboApi, UriKind.Absolute, out var api) && api.Scheme is "http" or "https" && api.Host.Length > 0
                    && api.UserInfo.Length == 0 && api.Query.Length == 0 && api.AbsolutePath == "/",
                path["kuboApi"], $"must be an http(s) URL of a Kubo RPC API root, without path, credentials or query (e.g. http://kubo:5001), got '{KuboApi}'");
        }

        if (IndexTo is not null)
        {
            var scheme = stack.Cloud == Cloud.Aws ? "s3://" : "gs://";
            var rest = IndexTo.StartsWith(scheme, StringComparison.Ordinal) ? IndexTo[scheme.Length..].TrimEnd('/') : null;
            errors.Require(rest is { Length: > 0 }, path["indexTo"],
                $"must be a {scheme} store root the snapshot writer can write (this stack's cloud), got '{IndexTo}'");
            if (rest is { Length: > 0 } && stack.Snapshots.Bucket is { } bucket)
            {
                errors.Require(rest != bucket, path["indexTo"],
                    $"must not be the snapshot bucket's root: its index lists the bucket's copies; use a prefix such as {scheme}{bucket}/ipfs");
            }
        }

        if (PinService is not null)
        {
            errors.Require(Uri.TryCreate(PinService, UriKind.Absolute, out var service) && service.Scheme is "https" or "http" && service.UserInfo.Length == 0,
                path["pinService"], $"must be an http(s) URL of a Pinning Service API endpoint, without credentials, got '{PinService}'");
            errors.Require(PinToken is not null, path["pinToken"], "is required with pinService: the Secret key holding the provider's access token");
        }
        else
        {
            errors.Require(PinToken is null, path["pinToken"], "only applies with pinService");
        }

        PinToken?.Validate(path["pinToken"], errors);
        KuboAuthorization?.Validate(path["kuboAuthorization"], errors);
    }
}
