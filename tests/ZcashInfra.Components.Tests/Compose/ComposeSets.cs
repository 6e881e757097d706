using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Tests.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Compose;

/// <summary>Node sets rendered both ways: as Compose services and as the cluster's objects.</summary>
internal static class ComposeSets
{
    public const string Provider = "test/kubernetes";

    public static ComposeNodeSet ZebradMainnet => new("zebra-mainnet", NodeSets.ZebradMainnet(Provider));

    public static ComposeNodeSet ZebradTestnet => new("zebra-testnet", NodeSets.ZebradTestnet(Provider) with { Rpc = true, Monitoring = true });

    public static ComposeNodeSet ZcashdRegtest => new("zcashd-regtest", NodeSets.ZcashdRegtest(Provider));

    /// <summary>zcashd on testnet with a snapshot and index flags: the readiness probe checks initial block download.</summary>
    public static ComposeNodeSet ZcashdTestnet => new("zcashd-testnet", new NodeSetArgs
    {
        Release = new NodeRelease
        {
            Network = Network.Testnet,
            Implementation = NodeImplementation.Zcashd,
            Version = "6.20.0",
            Zcashd = new ZcashdOptions { TxIndex = true, Lightwalletd = true },
        },
        Snapshot = new NodeSetSnapshot { Url = new Uri("https://snapshots.example.org/zcashd-testnet.tar.zst"), Sha256 = NodeSets.Sha256 },
        Provider = Provider,
    });

    /// <summary>Zebra's compat sidecar on mainnet, next to <see cref="ZebradMainnet"/>.</summary>
    public static ComposeNodeSet ZcashdCompat => new("zcashd-compat", new NodeSetArgs
    {
        Release = new NodeRelease
        {
            Network = Network.Mainnet,
            Implementation = NodeImplementation.Zcashd,
            Version = "6.20.0",
            Zcashd = new ZcashdOptions { CompatWith = "zebra-mainnet" },
        },
        Provider = Provider,
    });

    public static IReadOnlyList<ComposeNodeSet> Every => [ZebradMainnet, ZebradTestnet, ZcashdRegtest, ZcashdTestnet, ZcashdCompat];

    public static JsonObject Render(params ComposeNodeSet[] sets) => Render(includeMainnet: true, sets);

    public static JsonObject Render(bool includeMainnet, params ComposeNodeSet[] sets) =>
        ComposeProject.Render(new ComposeArgs { Project = "zcash-infra-test", NodeSets = sets, IncludeMainnet = includeMainnet });

    public static JsonObject Service(JsonObject document, string name) => document["services"]![name]!.AsObject();

    /// <summary>The cluster's config file for a set: its ConfigMap's only entry.</summary>
    /// <summary>The set's peers file in the cluster render; null for a set without one.</summary>
    public static string? ClusterPeers(ComposeNodeSet set)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, set.Name, set.Args with { Provider = provider });
        var graph = builder.Build();
        return NodeSets.All(graph, "ConfigMap").Any(n => n.Inputs["metadata"]!["name"]!.GetValue<string>().EndsWith("-peers", StringComparison.Ordinal))
            ? NodeSets.PeersText(graph)
            : null;
    }

    public static string ClusterConfig(ComposeNodeSet set)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, set.Name, set.Args with { Provider = provider });
        return NodeSets.ConfigText(builder.Build());
    }

    /// <summary>The cluster's pod spec for a set.</summary>
    public static JsonObject ClusterPod(ComposeNodeSet set)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, set.Name, set.Args with { Provider = provider });
        return NodeSets.PodSpec(builder.Build());
    }

    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(a => a!.GetValue<string>())];
}
