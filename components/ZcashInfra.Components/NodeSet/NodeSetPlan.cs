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

    public NodeRelease Release => Args.Release;

    public Network Network => Release.Network;

    public NodeImplementation Implementation => Release.Implementation;

    public bool IsZebra => Release.IsZebra;

    public ZcashdOptions Zcashd => Release.Zcashd;

    public bool IsCompat => !IsZebra && Zcashd.CompatWith is not null;

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

    public string Image => Release.ImageReference;

    /// <summary>The state format; known once <see cref="NodeRelease.Problems"/> found nothing (checked before the plan is made).</summary>
    public int DbMajor => Release.ResolvedDbMajor ?? throw new InvalidOperationException($"{Name}: the release's database major is unknown; it is checked first");

    public string StorageSize => Args.StorageSize ?? NodeSizing.DefaultStorage(Network, Implementation);

    public NodeResources Resources => Args.Resources ?? NodeSizing.DefaultResources(Network);

    public long Uid => NodeImages.Uid(Implementation);

    public string ServiceHost => ClusterDns.Service(Name, Args.Namespace);

    public IReadOnlyList<string> PodHosts => [.. Enumerable.Range(0, Args.Replicas).Select(i => ClusterDns.StatefulSetPod(Name, i, Name, Args.Namespace))];

    /// <summary>
    /// The initial peers of every pod. zebrad: its peer group's headless Service, then the public
    /// seeders. zebrad resolves each entry to every address the name has (zebra
    /// <c>zebra-network/src/config.rs</c>, <c>Config::resolve_host_once</c> collects all of
    /// <c>tokio::net::lookup_host</c>), and the Service answers with every pod of the group, this
    /// set's included, so the list does not change with <c>replicas</c> and scaling rolls no pod
    /// (a pod resolves the name when it starts; pods started earlier learn of later ones when
    /// those connect to them). zcashd: one entry per stable pod name of the set and of the rest of
    /// its group (zcash <c>src/net.cpp</c>, <c>ThreadOpenAddedConnections</c>, keeps one connection
    /// per <c>addnode</c> entry, to one of the addresses the entry resolves to, so a Service name
    /// would reach one pod at most); that list does change with <c>replicas</c>, so in the cluster
    /// it is kept out of the hashed config (<see cref="PeersConfigMapName"/>).
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

            return [$"{PeerDiscovery.Host(Network, Args.PeerGroup, Args.Namespace)}:{P2pPort}", .. ZebraSeeders.For(Network)];
        }
    }

    /// <summary>
    /// zcashd's per-pod <c>addnode</c> list lives in its own ConfigMap, outside the config whose
    /// digest rolls the pods: the list grows with every replica of the set and of its peer group,
    /// and hashing it would restart every running zcashd whenever any set scales. zcashd reads
    /// <c>addnode</c> only at start (zcash <c>src/net.cpp</c>, <c>ThreadOpenAddedConnections</c>
    /// copies <c>-addnode</c> once), so the config step appends the list each time a pod starts:
    /// new pods dial every current peer, running ones keep the list they started with and are
    /// reached by the new pods' connections (a connection carries blocks both ways).
    /// </summary>
    public bool HasPeersFile => !IsZebra && UsesClusterPeers;

    /// <summary>The ConfigMap holding zcashd's <c>addnode</c> lines (see <see cref="HasPeersFile"/>).</summary>
    public string PeersConfigMapName => $"{Name}-peers";

    /// <summary>zcashd's config is assembled in the pod at start: the peers file appended, the RPC password merged.</summary>
    public bool HasConfigStep => HasRpcPassword || HasPeersFile;

    /// <summary>A compat zcashd's one peer: its zebrad set's headless Service.</summary>
    public string? CompatUpstream => IsCompat
        ? $"{ClusterDns.Service(Zcashd.CompatWith!, Args.Namespace)}:{ZcashPorts.P2p(Network, NodeImplementation.Zebrad)}"
        : null;

    public string? RpcEndpoint => Args.Rpc ? $"{ClusterDns.Service(RpcServiceName, Args.Namespace)}:{RpcPort.ToString(CultureInfo.InvariantCulture)}" : null;
}
