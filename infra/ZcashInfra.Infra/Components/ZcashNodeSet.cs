using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Infra.Binding;

namespace ZcashInfra.Infra.Components;

/// <summary>
/// Snapshot-seeded Zcash nodes as a reusable Pulumi component (<c>zcash-infra:index:NodeSet</c>):
/// <c>new ZcashNodeSet("zebra", new NodeSetArgs { … }, provider)</c> in any Pulumi C# program. Pair it with
/// one <see cref="ZcashPeerDiscovery"/> per network so node sets find each other.
/// </summary>
public sealed class ZcashNodeSet : GraphComponentResource
{
    /// <summary>Declares the node set and its children.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="NodeSetArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="options">Resource options.</param>
    public ZcashNodeSet(string name, NodeSetArgs args, ProviderResource? provider = null, ComponentResourceOptions? options = null)
        : base(NodeSetComponent.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = NodeSetComponent.Declare(fragment.Root, name, args with { Provider = fragment.Provider("kubernetes", provider) });
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

/// <summary>
/// The peers Service of one network and peer group (<c>zcash-infra:index:PeerDiscovery</c>):
/// declare it once, beside any number of <see cref="ZcashNodeSet"/>s of that network.
/// </summary>
public sealed class ZcashPeerDiscovery : GraphComponentResource
{
    /// <summary>Declares the Service.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="args">The component's own arguments (<see cref="PeerDiscoveryArgs"/>); its provider path is set here.</param>
    /// <param name="provider">The Kubernetes provider. Default: the program's default Kubernetes provider.</param>
    /// <param name="options">Resource options.</param>
    public ZcashPeerDiscovery(string name, PeerDiscoveryArgs args, ProviderResource? provider = null, ComponentResourceOptions? options = null)
        : base(PeerDiscovery.Type, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fragment = new ComponentFragment(name);
        var outputs = PeerDiscovery.Declare(fragment.Root, name, args with { Provider = fragment.Provider("kubernetes", provider) });
        var bound = fragment.BindUnder(this, outputs.ComponentPath);

        Host = bound.Describing(outputs.Host);
        Complete(new Dictionary<string, object?> { ["host"] = Host });
    }

    /// <summary>DNS name of the peers Service.</summary>
    [Output("host")]
    public Output<string> Host { get; private set; }
}
