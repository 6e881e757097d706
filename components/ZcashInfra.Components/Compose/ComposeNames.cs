using ZcashInfra.Components.NodeSet;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// The names a node set's pieces get in a Compose file: its node service is the set's name, so
/// other services reach it under the same short name the cluster's headless Service has.
/// </summary>
public static class ComposeNames
{
    /// <summary>The node service: the set's name.</summary>
    public static string Node(string nodeSet) => nodeSet;

    /// <summary>The one-shot service that restores the snapshot (the cluster's restore init container).</summary>
    public static string Restore(string nodeSet) => $"{nodeSet}-restore";

    /// <summary>The one-shot service that hands the state volume to the node's user (the cluster's <c>fsGroup</c>).</summary>
    public static string VolumeOwner(string nodeSet) => $"{nodeSet}-volume-owner";

    /// <summary>The named volume holding the node's state (the cluster's volume claim).</summary>
    public static string StateVolume(string nodeSet) => $"{nodeSet}-{NodeSetPlan.VolumeName}";

    /// <summary>The config holding the node's config file (the cluster's ConfigMap).</summary>
    public static string Config(string nodeSet) => $"{nodeSet}-config";

    /// <summary>The config holding zcashd's peers file (the cluster's peers ConfigMap).</summary>
    public static string Peers(string nodeSet) => $"{nodeSet}-peers";

    /// <summary>The secret holding zcashd's RPC password (the cluster's Secret).</summary>
    public static string RpcPassword(string nodeSet) => $"{nodeSet}-rpc-password";

    /// <summary>
    /// The environment variable (of the shell running <c>docker compose</c>, or its <c>.env</c>
    /// file) the RPC password is read from: <c>ZCASH_INFRA_&lt;SET&gt;_RPC_PASSWORD</c>.
    /// </summary>
    public static string RpcPasswordVariable(string nodeSet) =>
        "ZCASH_INFRA_" + nodeSet.ToUpperInvariant().Replace('-', '_').Replace('.', '_') + "_RPC_PASSWORD";

    /// <summary>
    /// The network alias every node of a peer group carries: the name of the cluster's peers
    /// Service, so one initial peer entry reaches every set of the group here too.
    /// </summary>
    public static string PeerAlias(NodeSetArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return PeerDiscovery.ServiceName(args.Release.Network, args.PeerGroup);
    }
}
