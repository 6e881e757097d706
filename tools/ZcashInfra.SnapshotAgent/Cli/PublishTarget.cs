using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>
/// publish's <c>--to</c>: a store root (s3://, gs://, file://) or an IPFS node's RPC API
/// (<c>ipfs+http://host:port</c> or <c>ipfs+https://…</c>, the RPC root without the /api/v0 part).
/// </summary>
internal sealed record PublishTarget(StoreLocation? Store, Uri? KuboApi)
{
    public static PublishTarget Parse(string text)
    {
        if (text.StartsWith("ipfs+http://", StringComparison.Ordinal) || text.StartsWith("ipfs+https://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(text["ipfs+".Length..], UriKind.Absolute, out var api) && api.Host.Length > 0 && string.IsNullOrEmpty(api.UserInfo) && string.IsNullOrEmpty(api.Query))
            {
                return new PublishTarget(null, new Uri(api.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
            }

            throw new ArgumentException($"--to ipfs+http(s):// must name a Kubo RPC API root such as ipfs+http://kubo:5001, without credentials or query, not '{text}'");
        }

        return new PublishTarget(StoreLocation.Parse(text), null);
    }
}
