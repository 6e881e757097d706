using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// The labels node pods carry and the selectors that find them. Peer discovery, Services,
/// disruption budgets, network policies and monitoring all select on these, so they are written
/// down once, here.
/// </summary>
public static class NodeLabels
{
    /// <summary>The network a node pod is on (mainnet, testnet, regtest).</summary>
    public const string NetworkKey = "zcash.network";

    /// <summary>The peer group a node pod belongs to; the network's peers Service selects on it.</summary>
    public const string PeerGroupKey = "zcash.peer-group";

    /// <summary>zebrad or zcashd.</summary>
    public const string ImplementationKey = "zcash.implementation";

    /// <summary>The database major version of a node's state (on volume snapshots: what a restoring node must read).</summary>
    public const string DbMajorKey = "zcash.db-major";

    /// <summary>The block height a state was stopped at (on volume snapshots).</summary>
    public const string HeightKey = "zcash.height";

    /// <summary>The peer group every node set joins unless told otherwise.</summary>
    public const string DefaultPeerGroup = "default";

    /// <summary>The value of app.kubernetes.io/component on node pods (tells them apart from snapshot jobs of the same set).</summary>
    public const string NodeComponent = "node";

    /// <summary>
    /// The label a pod (in any namespace) carries, with value <c>true</c>, to be admitted to a node
    /// set's JSON-RPC port by its NetworkPolicy. One key per node set, so a client can use several.
    /// </summary>
    public static string RpcClient(string nodeSet) => $"rpc-client.zcash-infra/{nodeSet}";

    /// <summary>The lowercase name used in labels for a network or an implementation.</summary>
    public static string Value(Network network) => network.ToString().ToLowerInvariant();

    /// <summary>The lowercase name used in labels for an implementation.</summary>
    public static string Value(NodeImplementation implementation) => implementation.ToString().ToLowerInvariant();

    /// <summary>What selects exactly the node pods of one set (a StatefulSet's selector: immutable, so version-free).</summary>
    public static JsonObject Selector(string nodeSet, NodeImplementation implementation) => new()
    {
        [RecommendedLabels.Name] = Value(implementation),
        [RecommendedLabels.Instance] = nodeSet,
        [RecommendedLabels.Component] = NodeComponent,
    };

    /// <summary>What a peers Service selects: every pod of a network that joined the group.</summary>
    public static JsonObject PeerSelector(Network network, string peerGroup) => new()
    {
        [NetworkKey] = Value(network),
        [PeerGroupKey] = peerGroup,
    };
}
