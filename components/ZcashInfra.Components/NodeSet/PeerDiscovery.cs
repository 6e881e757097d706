using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>Arguments of <see cref="PeerDiscovery"/>.</summary>
public sealed record PeerDiscoveryArgs
{
    /// <summary>The network whose nodes find each other. Required.</summary>
    public required Network Network { get; init; }

    /// <summary>The peer group (node sets join one with <see cref="NodeSetArgs.PeerGroup"/>). Default <see cref="NodeLabels.DefaultPeerGroup"/>.</summary>
    public string PeerGroup { get; init; } = NodeLabels.DefaultPeerGroup;

    /// <summary>Namespace of the Service (the node sets' namespace). Default <see cref="Namespaces.Zcash"/>.</summary>
    public string Namespace { get; init; } = Namespaces.Zcash;

    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Graph paths the Service depends on (the namespace). Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];
}

/// <summary>
/// How node sets of one network find each other without hard-coded addresses: a headless "peers"
/// Service selecting every node pod labelled with the network and peer group, ready or not
/// (<c>publishNotReadyAddresses</c>: a node still catching up is a fine peer). Its DNS name
/// resolves to all those pods' addresses, so it is one initial peer entry that reaches every set
/// of the group, including ones added later. Declare it once per network and group present
/// (two declarations would collide on the Service name), not once per node set.
/// </summary>
public static class PeerDiscovery
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:PeerDiscovery";

    /// <summary>The Service's name: <c>zcash-&lt;network&gt;-peers</c>, or <c>zcash-&lt;network&gt;-&lt;group&gt;-peers</c> for another group.</summary>
    public static string ServiceName(Network network, string peerGroup) =>
        peerGroup == NodeLabels.DefaultPeerGroup ? $"zcash-{NodeLabels.Value(network)}-peers" : $"zcash-{NodeLabels.Value(network)}-{peerGroup}-peers";

    /// <summary>
    /// Whether a node set joins its peer group: every set but a compat zcashd, which does not
    /// listen and talks to its zebrad set only.
    /// </summary>
    public static bool Joins(NodeSetArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return !(!args.Release.IsZebra && args.Release.Zcashd.CompatWith is not null);
    }

    /// <summary>The Service's DNS name, which node sets put in their initial peers.</summary>
    public static string Host(Network network, string peerGroup, string @namespace) => ClusterDns.Service(ServiceName(network, peerGroup), @namespace);

    /// <summary>Declares the peers Service under <paramref name="scope"/>.</summary>
    public static PeerDiscoveryOutputs Declare(GraphScope scope, string name, PeerDiscoveryArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var component = scope.Component(Type, name);
        var serviceName = ServiceName(args.Network, args.PeerGroup);
        var service = KubernetesObjects.Declare(component, $"{name}-service", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = KubernetesObjects.Metadata(serviceName, args.Namespace, "zcash-peers", serviceName, new Dictionary<string, string>
            {
                [NodeLabels.NetworkKey] = NodeLabels.Value(args.Network),
                [NodeLabels.PeerGroupKey] = args.PeerGroup,
            }),
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "None",
                ["publishNotReadyAddresses"] = true,
                ["selector"] = NodeLabels.PeerSelector(args.Network, args.PeerGroup),

                // A headless Service's DNS answers are pod addresses, whatever port each pod
                // listens on; the port here is the named target every node pod declares.
                ["ports"] = new JsonArray(new JsonObject
                {
                    ["name"] = "p2p",
                    ["port"] = ZcashPorts.P2p(args.Network, NodeImplementation.Zebrad),
                    ["targetPort"] = "p2p",
                    ["protocol"] = "TCP",
                }),
            },
        }, args.Provider, new NodeOptions { DependsOn = args.DependsOn });
        var host = Host(args.Network, args.PeerGroup, args.Namespace);
        component.Output("serviceName", serviceName);
        component.Output("host", host);
        return new PeerDiscoveryOutputs(component.Path!, service, serviceName, host);
    }
}

/// <summary>What a peers Service declaration gives back.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="ServicePath">Graph path of the Service.</param>
/// <param name="ServiceName">The Service's name.</param>
/// <param name="Host">The Service's DNS name.</param>
public sealed record PeerDiscoveryOutputs(string ComponentPath, string ServicePath, string ServiceName, string Host);
