using System.Globalization;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// A node set's arguments with every default filled in and every derived name computed once: the
/// config renderers, the pod template and the objects around it all read the same values.
/// </summary>
internal sealed record NodeSetPlan(string Name, NodeSetArgs Args)
{
    /// <summary>The name of the ConfigMap, the RPC Secret and the RPC Service, by suffix.</summary>
    public string ConfigMapName => $"{Name}-config";

    public string RpcSecretName => $"{Name}-rpc";

    public string RpcServiceName => $"{Name}-rpc";

    /// <summary>The name of each pod's volume claim template (claims are <c>state-&lt;pod&gt;</c>).</summary>
    public const string VolumeName = "state";

    public Network Network => Args.Network;

    public NodeImplementation Implementation => Args.Implementation;

    public bool IsZebra => Args.Implementation == NodeImplementation.Zebrad;

    public bool IsCompat => !IsZebra && Args.Zcashd.CompatWith is not null;

    public int P2pPort => ZcashPorts.P2p(Network, Implementation);

    public int RpcPort => ZcashPorts.Rpc(Network);

    /// <summary>
    /// A compat zcashd does not listen for peers, so it stays out of the peer group; zebrad on
    /// regtest only keeps localhost initial peers, so it gets no in-cluster ones (others still
    /// connect to it).
    /// </summary>
    public bool JoinsPeerGroup => PeerDiscovery.Joins(Args);

    public bool UsesClusterPeers => JoinsPeerGroup && !(IsZebra && Network == Network.Regtest);

    /// <summary>Metrics are zebrad's Prometheus endpoint; zcashd exposes none this project configures.</summary>
    public bool Metrics => Args.Monitoring && IsZebra;

    /// <summary>zcashd with a configured password: the config step merges it into the config.</summary>
    public bool HasRpcPassword => !IsZebra && Args.RpcPassword is not null;

    public string Image =>
        NodeImages.Reference(Implementation, Args.Image, Args.Version, Args.ImageDigest);

    public int DbMajor => Args.DbMajor ?? NodeVersions.DbMajor(Implementation, Args.Version)
        ?? throw new GraphException($"{Name}: zebrad {Args.Version}'s database major version is not known here; pass it (DbMajor / nodeSets[].dbMajor)");

    public string StorageSize => Args.StorageSize ?? NodeSizing.DefaultStorage(Network, Implementation);

    public NodeResources Resources => Args.Resources ?? NodeSizing.DefaultResources(Network);

    public long Uid => NodeImages.Uid(Implementation);

    public string ServiceHost => ClusterDns.Service(Name, Args.Namespace);

    public IReadOnlyList<string> PodHosts => [.. Enumerable.Range(0, Args.Replicas).Select(i => ClusterDns.StatefulSetPod(Name, i, Name, Args.Namespace))];

    /// <summary>
    /// The initial peers of every pod. zebrad: the set's own pods, the peer group's Service (zebrad
    /// connects to every address a name resolves to), then the public seeders. zcashd: one entry
    /// per stable pod name of the set and of the rest of its group (zcash <c>src/net.cpp</c>,
    /// <c>ThreadOpenAddedConnections</c>, opens one connection per <c>addnode</c> entry, to the
    /// first address it resolves to, so a Service name would reach one pod at most).
    /// </summary>
    public IReadOnlyList<string> InitialPeers
    {
        get
        {
            if (!UsesClusterPeers)
            {
                return IsZebra ? ZebraSeeders.For(Network) : [];
            }

            if (!IsZebra)
            {
                return [.. PodHosts.Select(h => $"{h}:{P2pPort}"), .. Args.GroupPeers];
            }

            var cluster = PodHosts.Append(PeerDiscovery.Host(Network, Args.PeerGroup, Args.Namespace)).Select(h => $"{h}:{P2pPort}");
            return [.. cluster, .. ZebraSeeders.For(Network)];
        }
    }

    /// <summary>A compat zcashd's one peer: its zebrad set's headless Service.</summary>
    public string? CompatUpstream => IsCompat
        ? $"{ClusterDns.Service(Args.Zcashd.CompatWith!, Args.Namespace)}:{ZcashPorts.P2p(Network, NodeImplementation.Zebrad)}"
        : null;

    public string? RpcEndpoint => Args.Rpc ? $"{ClusterDns.Service(RpcServiceName, Args.Namespace)}:{RpcPort.ToString(CultureInfo.InvariantCulture)}" : null;
}
