using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>Arguments of <see cref="ZcashNodeSet"/> (the same decisions, and defaults, as <see cref="NodeSetArgs"/>).</summary>
public sealed class ZcashNodeSetArgs
{
    /// <summary>mainnet, testnet or regtest. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>zebrad or zcashd. Default zebrad.</summary>
    public NodeImplementation Implementation { get; init; } = NodeImplementation.Zebrad;

    /// <summary>The release to run (the image tag), e.g. 6.3.0. Required.</summary>
    public required string Version { get; init; }

    /// <summary>Image repository. Default: the implementation's published image.</summary>
    public string? Image { get; init; }

    /// <summary>Image digest (<c>sha256:…</c>). Default: none.</summary>
    public string? ImageDigest { get; init; }

    /// <summary>Database major version. Default: the one known for the version.</summary>
    public int? DbMajor { get; init; }

    /// <summary>Number of pods. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Serve JSON-RPC to labelled clients. Default false.</summary>
    public bool Rpc { get; init; }

    /// <summary>zcashd's RPC password; it becomes a Pulumi secret and a Kubernetes Secret. Default: none.</summary>
    public string? RpcPassword { get; init; }

    /// <summary>Expose metrics and declare a ServiceMonitor (zebrad). Default false.</summary>
    public bool Monitoring { get; init; }

    /// <summary>Extra ServiceMonitor labels the cluster's Prometheus selects on (e.g. <c>release</c>). Default none.</summary>
    public IReadOnlyDictionary<string, string> ServiceMonitorLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the first state comes from. Default: none (sync from genesis).</summary>
    public NodeSetSnapshot? Snapshot { get; init; }

    /// <summary>A VolumeSnapshot (a cut's series alias) new volumes are provisioned from (<see cref="NodeSetArgs.VolumeSnapshotSource"/>). Default: none.</summary>
    public string? VolumeSnapshotSource { get; init; }

    /// <summary>The snapshot agent image. Default <see cref="SnapshotAgentImage.Default"/>.</summary>
    public string AgentImage { get; init; } = SnapshotAgentImage.Default;

    /// <summary>Storage class of each volume. Default: the cluster's default.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Size of each volume. Default: the network's size.</summary>
    public string? StorageSize { get; init; }

    /// <summary>CPU and memory. Default: the network's sizing.</summary>
    public NodeResources? Resources { get; init; }

    /// <summary>Rolling-update partition. Default 0.</summary>
    public int Partition { get; init; }

    /// <summary>Pod management when scaling. Default parallel.</summary>
    public PodManagement PodManagement { get; init; } = PodManagement.Parallel;

    /// <summary>Peer group. Default <see cref="NodeLabels.DefaultPeerGroup"/>.</summary>
    public string PeerGroup { get; init; } = NodeLabels.DefaultPeerGroup;

    /// <summary>zcashd-only options. Default: none.</summary>
    public ZcashdOptions Zcashd { get; init; } = new();

    /// <summary>Namespace. Default <see cref="Namespaces.Zcash"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Zcash;

    /// <summary>Service account of the pods. Default <see cref="SnapshotIdentities.ReaderServiceAccount"/>.</summary>
    public string ServiceAccount { get; init; } = SnapshotIdentities.ReaderServiceAccount;

    /// <summary>Keep volumes when the StatefulSet is deleted. Default false.</summary>
    public bool Durable { get; init; }

    /// <summary>The Kubernetes provider. Default: the program's default Kubernetes provider.</summary>
    public ProviderResource? Provider { get; init; }
}

/// <summary>
/// Snapshot-seeded Zcash nodes as a reusable Pulumi component (<c>zcash-infra:index:NodeSet</c>):
/// <c>new ZcashNodeSet("zebra", new ZcashNodeSetArgs { … })</c> in any Pulumi C# program. Pair it with
/// one <see cref="ZcashPeerDiscovery"/> per network so node sets find each other.
/// </summary>
public sealed class ZcashNodeSet : GraphComponentResource
{
    /// <summary>Declares the node set and its children.</summary>
    public ZcashNodeSet(string name, ZcashNodeSetArgs args, ComponentResourceOptions? options = null)
        : base(NodeSet.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var outputs = NodeSet.Declare(fragment.Root, name, new NodeSetArgs
        {
            Network = args.Network,
            Implementation = args.Implementation,
            Version = args.Version,
            Image = args.Image,
            ImageDigest = args.ImageDigest,
            DbMajor = args.DbMajor,
            Replicas = args.Replicas,
            Rpc = args.Rpc,
            RpcPassword = args.RpcPassword is null ? null : Secret.FromPlaintext(args.RpcPassword),
            Monitoring = args.Monitoring,
            ServiceMonitorLabels = args.ServiceMonitorLabels,
            Snapshot = args.Snapshot,
            VolumeSnapshotSource = args.VolumeSnapshotSource,
            AgentImage = args.AgentImage,
            StorageClass = args.StorageClass,
            StorageSize = args.StorageSize,
            Resources = args.Resources,
            Partition = args.Partition,
            PodManagement = args.PodManagement,
            PeerGroup = args.PeerGroup,
            Zcashd = args.Zcashd,
            Namespace = args.Namespace,
            ServiceAccount = args.ServiceAccount,
            Durable = args.Durable,
            Provider = provider,
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        StatefulSetName = bound.Describing(outputs.Name);
        ServiceHost = bound.Describing(outputs.ServiceHost);
        P2pPort = bound.Describing(outputs.P2pPort);
        RpcEndpoint = bound.Describing(outputs.RpcEndpoint ?? string.Empty);
        Complete(new Dictionary<string, object?>
        {
            ["statefulSetName"] = StatefulSetName,
            ["serviceHost"] = ServiceHost,
            ["p2pPort"] = P2pPort,
            ["rpcEndpoint"] = RpcEndpoint,
        });
    }

    /// <summary>The StatefulSet's (and headless Service's) name.</summary>
    [Output("statefulSetName")]
    public Output<string> StatefulSetName { get; private set; }

    /// <summary>DNS name of the headless Service (pods are <c>&lt;name&gt;-&lt;i&gt;.&lt;serviceHost&gt;</c>).</summary>
    [Output("serviceHost")]
    public Output<string> ServiceHost { get; private set; }

    /// <summary>The peer-to-peer port.</summary>
    [Output("p2pPort")]
    public Output<int> P2pPort { get; private set; }

    /// <summary><c>host:port</c> of the RPC Service; empty when RPC is off.</summary>
    [Output("rpcEndpoint")]
    public Output<string> RpcEndpoint { get; private set; }
}

/// <summary>Arguments of <see cref="ZcashPeerDiscovery"/>.</summary>
public sealed class ZcashPeerDiscoveryArgs
{
    /// <summary>The network. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>The peer group. Default <see cref="NodeLabels.DefaultPeerGroup"/>.</summary>
    public string PeerGroup { get; init; } = NodeLabels.DefaultPeerGroup;

    /// <summary>Namespace (the node sets'). Default <see cref="Namespaces.Zcash"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Zcash;

    /// <summary>The Kubernetes provider. Default: the program's default Kubernetes provider.</summary>
    public ProviderResource? Provider { get; init; }
}

/// <summary>
/// The peers Service of one network and peer group (<c>zcash-infra:index:PeerDiscovery</c>):
/// declare it once, beside any number of <see cref="ZcashNodeSet"/>s of that network.
/// </summary>
public sealed class ZcashPeerDiscovery : GraphComponentResource
{
    /// <summary>Declares the Service.</summary>
    public ZcashPeerDiscovery(string name, ZcashPeerDiscoveryArgs args, ComponentResourceOptions? options = null)
        : base(PeerDiscovery.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var provider = fragment.Provider("kubernetes", args.Provider);
        var outputs = PeerDiscovery.Declare(fragment.Root, name, new PeerDiscoveryArgs
        {
            Network = args.Network,
            PeerGroup = args.PeerGroup,
            Namespace = args.Namespace,
            Provider = provider,
        });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        Host = bound.Describing(outputs.Host);
        Complete(new Dictionary<string, object?> { ["host"] = Host });
    }

    /// <summary>DNS name of the peers Service.</summary>
    [Output("host")]
    public Output<string> Host { get; private set; }
}
