using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.NodeSet;

/// <summary>The three node sets the golden renders are made of, and helpers to look inside a render.</summary>
internal static class NodeSets
{
    public const string Sha256 = "0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62";

    public static NodeSetArgs ZebradMainnet(string provider) => new()
    {
        Release = new NodeRelease
        {
            Network = Network.Mainnet,
            Version = "6.3.0",
        },
        Replicas = 3,
        Rpc = true,
        Monitoring = true,
        Snapshot = new NodeSetSnapshot { Index = new Uri("https://snapshots.zfnd.org/mainnet/snapshots.json"), Sha256 = Sha256 },
        StorageClass = "premium-rwo",
        Partition = 2,
        ProtectState = true,
        Provider = provider,
    };

    public static NodeSetArgs ZebradTestnet(string provider) => new()
    {
        Release = new NodeRelease
        {
            Network = Network.Testnet,
            Version = "6.3.0",
            ImageDigest = "sha256:" + Sha256,
        },
        Snapshot = new NodeSetSnapshot { Index = new Uri("https://snapshots.zfnd.org/testnet/snapshots.json") },
        PodManagement = PodManagement.OrderedReady,
        Provider = provider,
    };

    public static NodeSetArgs ZcashdRegtest(string provider) => new()
    {
        Release = new NodeRelease
        {
            Network = Network.Regtest,
            Implementation = NodeImplementation.Zcashd,
            Version = "6.20.0",
            Zcashd = new ZcashdOptions { TxIndex = true },
        },
        Rpc = true,
        RpcPassword = Secret.FromPlaintext("hunter2-regtest"),
        Provider = provider,
    };

    /// <summary>A graph with a Kubernetes provider and one node set; returns the graph and the set's outputs.</summary>
    public static (ResourceGraph Graph, NodeSetOutputs Outputs) Declare(string name, Func<string, NodeSetArgs> args, Func<NodeSetArgs, NodeSetArgs>? change = null)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var resolved = args(provider);
        var outputs = Components.NodeSet.NodeSetComponent.Declare(builder.Root, name, change is null ? resolved : change(resolved));
        return (builder.Build(), outputs);
    }

    public static GraphNode Single(ResourceGraph graph, string kind) => graph.Resources.Single(n => n.Type.EndsWith(":" + kind, StringComparison.Ordinal));

    public static IEnumerable<GraphNode> All(ResourceGraph graph, string kind) => graph.Resources.Where(n => n.Type.EndsWith(":" + kind, StringComparison.Ordinal));

    public static JsonObject PodSpec(ResourceGraph graph) => Single(graph, "StatefulSet").Inputs["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject Container(ResourceGraph graph, string name, string list = "containers") =>
        PodSpec(graph)[list]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>The node config file (the ConfigMap whose digest the pods carry).</summary>
    public static string ConfigText(ResourceGraph graph) => ConfigMap(graph, "-config").Inputs["data"]!.AsObject().Single().Value!.GetValue<string>();

    /// <summary>zcashd's peers file (the ConfigMap the config step appends at pod start).</summary>
    public static string PeersText(ResourceGraph graph) => ConfigMap(graph, "-peers").Inputs["data"]!["peers.conf"]!.GetValue<string>();

    public static GraphNode ConfigMap(ResourceGraph graph, string suffix) =>
        All(graph, "ConfigMap").Single(n => n.Inputs["metadata"]!["name"]!.GetValue<string>().EndsWith(suffix, StringComparison.Ordinal));

    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(a => a!.GetValue<string>())];
}
