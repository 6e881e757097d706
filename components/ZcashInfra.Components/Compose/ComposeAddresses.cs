using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// The one thing a node's config must say differently on a laptop: where its peers are. The
/// cluster names them by DNS (a set's pods through its headless Service, a peer group through its
/// peers Service); in Compose each set is one service reached by its name, and every node of a
/// peer group carries the peers Service's name as a network alias. Public seeders stay as they are.
/// </summary>
internal sealed class ComposeAddresses
{
    private readonly Dictionary<string, string> _hosts = new(StringComparer.Ordinal);

    public ComposeAddresses(IEnumerable<ComposeNodeSet> sets)
    {
        foreach (var (name, args) in sets)
        {
            var ns = args.Namespace;

            // One replica in Compose: the first pod's stable name and the set's Service are that service.
            _hosts[ClusterDns.StatefulSetPod(name, 0, name, ns)] = ComposeNames.Node(name);
            _hosts[ClusterDns.Service(name, ns)] = ComposeNames.Node(name);
            if (PeerDiscovery.Joins(args))
            {
                _hosts[PeerDiscovery.Host(args.Release.Network, args.PeerGroup, ns)] = ComposeNames.PeerAlias(args);
            }
        }
    }

    /// <summary>A <c>host:port</c> peer as the Compose render writes it; a cluster name without a Compose counterpart is an error, never kept.</summary>
    public string Translate(string owner, string peer)
    {
        var colon = peer.LastIndexOf(':');
        var host = colon < 0 ? peer : peer[..colon];
        var port = colon < 0 ? string.Empty : peer[colon..];
        if (_hosts.TryGetValue(host, out var mapped))
        {
            return mapped + port;
        }

        if (host.EndsWith(".svc." + ClusterDns.Domain, StringComparison.Ordinal))
        {
            throw new ComposeException($"node set '{owner}': peer '{peer}' is a cluster address with no service in the Compose file");
        }

        return peer;
    }
}
