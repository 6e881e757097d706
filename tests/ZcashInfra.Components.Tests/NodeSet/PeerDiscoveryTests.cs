using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.NodeSet;

public class PeerDiscoveryTests
{
    [Fact]
    public void The_peers_service_selects_every_pod_of_the_network_and_group_ready_or_not()
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        PeerDiscovery.Declare(builder.Root, "peers-mainnet", new PeerDiscoveryArgs { Network = Network.Mainnet, Provider = provider });
        var graph = builder.Build();
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));

        var service = NodeSets.Single(graph, "Service").Inputs;
        Assert.Equal("zcash-mainnet-peers", service["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("None", service["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.True(service["spec"]!["publishNotReadyAddresses"]!.GetValue<bool>());
        Assert.Equal("""{"zcash.network":"mainnet","zcash.peer-group":"default"}""", service["spec"]!["selector"]!.ToJsonString());
        Assert.Equal(PeerDiscovery.Type, graph["test/peers-mainnet"].Type);
    }

    [Fact]
    public void Two_node_sets_of_one_network_match_one_peers_service_and_list_it_as_a_peer()
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        PeerDiscovery.Declare(builder.Root, "peers-testnet", new PeerDiscoveryArgs { Network = Network.Testnet, Provider = provider });
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra-old", NodeSets.ZebradTestnet(provider) with { Release = new NodeRelease { Network = Network.Testnet, Version = "5.2.0" } });
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra-new", NodeSets.ZebradTestnet(provider));
        var graph = builder.Build();

        var selector = NodeSets.All(graph, "Service").Single(s => s.Name == "peers-testnet-service").Inputs["spec"]!["selector"]!.AsObject();
        foreach (var set in NodeSets.All(graph, "StatefulSet"))
        {
            var labels = set.Inputs["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            Assert.All(selector, kv => Assert.Equal(kv.Value!.GetValue<string>(), labels[kv.Key]!.GetValue<string>()));
        }

        foreach (var config in NodeSets.All(graph, "ConfigMap"))
        {
            Assert.Contains("\"zcash-testnet-peers.zcash.svc.cluster.local:18233\"", config.Inputs["data"]!["zebrad.toml"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Different versions, so the database majors differ and each set restores what it can load.
        var majors = NodeSets.All(graph, "StatefulSet")
            .Select(s => string.Join(' ', NodeSets.Strings(s.Inputs["spec"]!["template"]!["spec"]!["initContainers"]![0]!["args"])))
            .ToList();
        Assert.Contains(majors, m => m.Contains("--db-major 27", StringComparison.Ordinal));
        Assert.Contains(majors, m => m.Contains("--db-major 28", StringComparison.Ordinal));
    }

    [Fact]
    public void Another_peer_group_gets_its_own_service_name()
    {
        Assert.Equal("zcash-regtest-peers", PeerDiscovery.ServiceName(Network.Regtest, NodeLabels.DefaultPeerGroup));
        Assert.Equal("zcash-regtest-chain-a-peers", PeerDiscovery.ServiceName(Network.Regtest, "chain-a"));
        var (graph, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest, a => a with { PeerGroup = "chain-a" });
        Assert.Contains("addnode=zcashd-regtest-0.zcashd-regtest.zcash.svc.cluster.local:18344", NodeSets.PeersText(graph).Split('\n'));
        Assert.Equal("chain-a", NodeSets.Single(graph, "StatefulSet").Inputs["spec"]!["template"]!["metadata"]!["labels"]![NodeLabels.PeerGroupKey]!.GetValue<string>());
    }
}
