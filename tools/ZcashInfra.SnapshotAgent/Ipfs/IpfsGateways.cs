using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// The HTTP gateways ipfs:// addresses are read through, in the order given. A gateway is
/// untrusted transport: what it serves is accepted only when the SHA-256 pinned in the index or
/// on the command line matches, exactly as for any other URL.
/// </summary>
public sealed record IpfsGateways(IReadOnlyList<Uri> Gateways, AgentLog Log)
{
    /// <summary>The gateway URLs for <paramref name="url"/>, in order; a usage error when no gateway was given.</summary>
    public IReadOnlyList<(Uri Gateway, Uri Url)> For(Uri url)
    {
        if (IpfsUrl.Problem(url) is { } problem)
        {
            throw new AgentException(ExitCodes.Usage, problem);
        }

        if (Gateways.Count == 0)
        {
            throw new AgentException(ExitCodes.Usage, $"{url} needs at least one --ipfs-gateway URL to be read through");
        }

        return [.. Gateways.Select(g => (g, IpfsUrl.ThroughGateway(g, url)))];
    }
}
