using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks;

/// <summary>
/// The node sets of a stack: one peers Service per network and peer group present (declared once,
/// however many sets share it), then each set, and the stack outputs clients read.
/// </summary>
internal static class NodeSetDeclarations
{
    /// <param name="graph">The stack's graph.</param>
    /// <param name="settings">The stack's settings.</param>
    /// <param name="providers">The explicit providers.</param>
    /// <param name="namespaces">The namespaces (everything here waits for the zcash one).</param>
    /// <param name="pools">The stack's node pools (node pods wait for the nodes pool).</param>
    /// <param name="readerServiceAccount">Graph path of the ServiceAccount node pods run as (they wait for it).</param>
    /// <returns>Each set's outputs and the peer groups declared (the snapshot job reads a serving set's RPC endpoint and joins a group's peers).</returns>
    public static DeclaredNodeSets Declare(GraphBuilder graph, StackSettings settings, StackProviders providers, StackNamespaces namespaces, StackPools pools, string readerServiceAccount)
    {
        var declared = new Dictionary<string, NodeSetOutputs>(StringComparer.Ordinal);
        if (settings.NodeSets.Count == 0)
        {
            return new DeclaredNodeSets(declared, new HashSet<(Network, string)>(), new Dictionary<(Network, string), IReadOnlyList<string>>());
        }

        var sets = settings.NodeSets.Select(s => (s.Name, Args: Args(s, settings, providers, namespaces) with
        {
            DependsOn = [namespaces.Zcash, readerServiceAccount, .. pools.For(PoolRole.Nodes), .. StorageDependency(s, namespaces)],
        })).ToList();

        // Each zcashd set learns the stable pod names of the rest of its peer group (zcashd needs
        // one addnode per pod; see NodeSetArgs.GroupPeers). zebrad ignores the list, so its sets
        // get none: listing every other pod for every set grows with the square of the sets.
        sets = [.. sets.Select(s => (s.Name, s.Args.Release.IsZebra ? s.Args : s.Args with
        {
            GroupPeers = [.. sets.Where(o => o.Name != s.Name && o.Args.Release.Network == s.Args.Release.Network && o.Args.PeerGroup == s.Args.PeerGroup)
                .SelectMany(o => NodeSetComponent.PodPeers(o.Name, o.Args))],
        }))];
        var groups = sets.Where(s => PeerDiscovery.Joins(s.Args)).Select(s => (s.Args.Release.Network, s.Args.PeerGroup)).Distinct().ToList();
        foreach (var (network, group) in groups)
        {
            var name = group == NodeLabels.DefaultPeerGroup ? $"peers-{NodeLabels.Value(network)}" : $"peers-{NodeLabels.Value(network)}-{group}";
            PeerDiscovery.Declare(graph.Root, name, new PeerDiscoveryArgs
            {
                Network = network,
                PeerGroup = group,
                Namespace = settings.ZcashNamespace,
                Provider = providers.Kubernetes,
                DependsOn = [namespaces.Zcash],
            });
        }

        var rpc = new JsonObject();
        var services = new JsonObject();
        foreach (var (name, args) in sets)
        {
            var outputs = NodeSetComponent.Declare(graph.Root, name, args);
            declared[name] = outputs;
            if (outputs.RpcEndpoint is { } endpoint)
            {
                rpc[name] = endpoint;
            }

            services[name] = outputs.ServiceHost;
        }

        graph.StackOutput(StackOutputNames.RpcEndpoints, rpc);
        graph.StackOutput(StackOutputNames.NodeSetServices, services);
        var groupPods = groups.ToDictionary(
            g => g,
            g => (IReadOnlyList<string>)[.. sets.Where(s => s.Args.Release.Network == g.Network && s.Args.PeerGroup == g.PeerGroup).SelectMany(s => NodeSetComponent.PodPeers(s.Name, s.Args))]);
        return new DeclaredNodeSets(declared, groups.ToHashSet(), groupPods);
    }

    /// <summary>A set provisioned from the stack's StorageClass waits for it.</summary>
    private static IEnumerable<string> StorageDependency(NodeSetSettings set, StackNamespaces namespaces) =>
        set.Storage.StorageClass is null && namespaces.NodeStorage is { } storage ? [storage.Path] : [];

    internal static NodeSetArgs Args(NodeSetSettings set, StackSettings settings, StackProviders providers, StackNamespaces namespaces) => new()
    {
        Release = set.Release,
        Replicas = set.Replicas,
        Rpc = set.Rpc,
        RpcPassword = set.RpcPassword,
        Monitoring = set.Monitoring,
        ServiceMonitorLabels = settings.Monitoring.ServiceMonitorLabels,
        Snapshot = set.Snapshot?.ToArgs(),

        // The series' alias (settings require a cut that keeps it): a name that never changes.
        VolumeSnapshotSource = set.Snapshot is { VolumeSnapshot: true }
            ? new VolumeSnapshotSeries(set.Network, set.Implementation, set.Release.ResolvedDbMajor
                ?? throw new GraphException($"{set.Name}: the database major version of zebrad {set.Version} is not known to this release; pass it (nodeSets[].dbMajor)")).AliasName
            : null,
        AgentImage = settings.SnapshotAgent.Image,
        StorageClass = set.Storage.StorageClass ?? namespaces.NodeStorage?.Name,
        StorageSize = set.Storage.Size,
        Resources = set.Resources.Resolve(set.Network),
        Partition = set.Rollout.Partition,
        PodManagement = set.Rollout.PodManagementPolicy,
        PeerGroup = set.PeerGroup,
        ProtectState = settings.ShouldProtectState,
        Namespace = settings.ZcashNamespace,
        Provider = providers.Kubernetes,
    };
}

/// <summary>What the node sets of a stack give the components declared after them.</summary>
/// <param name="Sets">Each set's outputs, by name.</param>
/// <param name="PeerGroups">The (network, peer group) pairs that have a peers Service.</param>
/// <param name="GroupPods">Each peer group's pods as <c>host:port</c> (what zcashd lists one by one).</param>
internal sealed record DeclaredNodeSets(
    IReadOnlyDictionary<string, NodeSetOutputs> Sets,
    IReadOnlySet<(Network Network, string PeerGroup)> PeerGroups,
    IReadOnlyDictionary<(Network Network, string PeerGroup), IReadOnlyList<string>> GroupPods);
