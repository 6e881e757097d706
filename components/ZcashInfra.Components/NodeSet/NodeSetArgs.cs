using System.Collections.Immutable;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>How a StatefulSet creates and deletes its pods when scaling (Kubernetes <c>podManagementPolicy</c>).</summary>
public enum PodManagement
{
    /// <summary>One pod at a time, each waiting for the previous one to be Ready.</summary>
    OrderedReady,

    /// <summary>All pods at once: each node restores and catches up on its own, so nothing waits.</summary>
    Parallel,
}

/// <summary>Where a node set's first state comes from: a snapshot in the Zcash Foundation's format.</summary>
public sealed record NodeSetSnapshot
{
    /// <summary>A <c>snapshots.json</c> index: the newest compatible entry is restored. Set this or <see cref="Url"/>.</summary>
    public Uri? Index { get; init; }

    /// <summary>One archive. Set this or <see cref="Index"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>The archive's SHA-256, pinned out of band (the only authentication the format has). Default: the published digest.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Restore the <see cref="Index"/> entry at exactly this block height instead of the newest. Default: the newest.</summary>
    public long? Height { get; init; }

    /// <summary>HTTP(S) gateways, in order, through which <c>ipfs://</c> URLs (the index, the url, or index entries) are read. Default: none.</summary>
    public IReadOnlyList<Uri> IpfsGateways { get; init; } = [];
}

/// <summary>Arguments of <see cref="NodeSetComponent"/>: a StatefulSet of Zcash full nodes seeded from a snapshot.</summary>
public sealed record NodeSetArgs
{
    /// <summary>What the nodes run: network, implementation, version, image, database major, zcashd options. Required.</summary>
    public required NodeRelease Release { get; init; }

    /// <summary>Number of pods. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Serve JSON-RPC to pods labelled <see cref="NodeLabels.RpcClient"/>. Default false.</summary>
    public bool Rpc { get; init; }

    /// <summary>zcashd's RPC password (stored in a Kubernetes Secret, never in the config). Default: none (cookie auth, in-pod tools only).</summary>
    public Secret? RpcPassword { get; init; }

    /// <summary>Expose metrics and declare a ServiceMonitor (zebrad). Default false.</summary>
    public bool Monitoring { get; init; }

    /// <summary>
    /// Extra labels of the ServiceMonitor, so the cluster's Prometheus selects it (its
    /// <c>serviceMonitorSelector</c>, e.g. <c>release: kube-prometheus-stack</c>). Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServiceMonitorLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the first state comes from. Default: none, sync from genesis.</summary>
    public NodeSetSnapshot? Snapshot { get; init; }

    /// <summary>
    /// A VolumeSnapshot in the set's namespace that new volumes are provisioned from: a snapshot
    /// job's series alias (<see cref="ZcashInfra.Components.VolumeSnapshots.VolumeSnapshotSeries.AliasName"/>),
    /// whose name never changes, so the claim template never does. A volume that already exists is
    /// never touched; the restore (<see cref="Snapshot"/>) still runs and leaves a cloned state
    /// alone. The snapshot must be of the set's StorageClass's driver and at most
    /// <see cref="StorageSize"/>. Default: none (empty volumes).
    /// </summary>
    public string? VolumeSnapshotSource { get; init; }

    /// <summary>The snapshot agent image the restore init container runs. Default <see cref="SnapshotAgentImage.Default"/>.</summary>
    public string AgentImage { get; init; } = SnapshotAgentImage.Default;

    /// <summary>Storage class of each pod's volume. Default: the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Size of each pod's volume. Default <see cref="NodeSizing.DefaultStorage"/> of the network and implementation.</summary>
    public string? StorageSize { get; init; }

    /// <summary>CPU and memory of the node container. Default <see cref="NodeSizing.DefaultResources"/> of the network.</summary>
    public NodeResources? Resources { get; init; }

    /// <summary>Pods with an ordinal below this keep the old revision on an update (a canary rolls the highest ones first). Default 0.</summary>
    public int Partition { get; init; }

    /// <summary>How pods are created when scaling. Default <see cref="PodManagement.Parallel"/>.</summary>
    public PodManagement PodManagement { get; init; } = PodManagement.Parallel;

    /// <summary>The peer group the pods join (see <see cref="PeerDiscovery"/>). Default <see cref="NodeLabels.DefaultPeerGroup"/>.</summary>
    public string PeerGroup { get; init; } = NodeLabels.DefaultPeerGroup;

    /// <summary>
    /// The other node sets of the peer group, each pod as <c>host:port</c> (stable StatefulSet pod
    /// names, see <see cref="NodeSetComponent.PodPeers"/>). zcashd dials one resolved address per
    /// <c>addnode</c> entry (zcash <c>src/net.cpp</c>, <c>ThreadOpenAddedConnections</c>), so a
    /// zcashd set lists these instead of the peers Service; zebrad resolves every address of the
    /// Service and ignores this. Default none.
    /// </summary>
    public ImmutableArray<string> GroupPeers { get; init; } = [];

    /// <summary>Namespace of every object. Default <see cref="Namespaces.Zcash"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Zcash;

    /// <summary>Service account of the pods (restores read the snapshot bucket with it). Default <see cref="SnapshotIdentities.ReaderServiceAccount"/>.</summary>
    public string ServiceAccount { get; init; } = SnapshotIdentities.ReaderServiceAccount;

    /// <summary>Keep volumes when the StatefulSet is deleted (production). Default false: volumes go with it.</summary>
    public bool ProtectState { get; init; }

    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Graph paths every object depends on (the namespace). Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];
}

/// <summary>What a node set gives the stack and other components.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="StatefulSetPath">Graph path of the StatefulSet (for dependsOn).</param>
/// <param name="Name">The StatefulSet's (and headless Service's) name.</param>
/// <param name="ServiceHost">DNS name of the headless Service: every pod, ready or not.</param>
/// <param name="PodHosts">Stable DNS name of each pod, by ordinal.</param>
/// <param name="P2pPort">The peer-to-peer port.</param>
/// <param name="RpcEndpoint"><c>host:port</c> of the RPC Service (ready pods only), when RPC is on.</param>
public sealed record NodeSetOutputs(
    string ComponentPath,
    string StatefulSetPath,
    string Name,
    string ServiceHost,
    IReadOnlyList<string> PodHosts,
    int P2pPort,
    string? RpcEndpoint);
