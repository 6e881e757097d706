using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

public class NodeSetEnvironmentTests
{
    private static ResourceGraph Declare(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    // Node sets' objects only: the CI workers are a StatefulSet too, in the CI namespace.
    private static IEnumerable<GraphNode> Of(ResourceGraph graph, string kind) =>
        graph.Resources.Where(n => n.Type.EndsWith(":" + kind, StringComparison.Ordinal) && n.Inputs["metadata"]?["namespace"]?.GetValue<string>() != "zcash-ci");

    private static JsonObject Output(ResourceGraph graph, string name) => graph.Outputs.Single(o => o.Name == name).Value!.AsObject();

    [Theory]
    [InlineData("dev", EnvironmentTier.Development)]
    [InlineData("prod", EnvironmentTier.Production)]
    public void The_checked_in_stacks_pass_every_schema_and_policy(string stack, EnvironmentTier tier)
    {
        var graph = Declare(stack);
        Assert.NotEmpty(Of(graph, "StatefulSet"));
        Assert.Empty(TestSchemas.Validator.Validate(graph, tier).Select(f => f.ToString()));
    }

    [Fact]
    public void Dev_declares_its_node_sets_one_peers_service_per_network_and_the_rpc_endpoints()
    {
        var graph = Declare("dev");
        Assert.Equal(["dev/zebra-testnet", "dev/zcashd-regtest"], graph.Nodes.Where(n => n.Type == NodeSetComponent.Type).Select(n => n.Path));
        Assert.Equal(["zcash-testnet-peers", "zcash-regtest-peers"],
            graph.Nodes.Where(n => n.Parent?.StartsWith("dev/peers-", StringComparison.Ordinal) == true).Select(n => n.Inputs["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(
            """{"zebra-testnet":"zebra-testnet-rpc.zcash.svc.cluster.local:18232","zcashd-regtest":"zcashd-regtest-rpc.zcash.svc.cluster.local:18232"}""",
            Output(graph, StackOutputNames.RpcEndpoints).ToJsonString());
        Assert.Equal(
            """{"zebra-testnet":"zebra-testnet.zcash.svc.cluster.local","zcashd-regtest":"zcashd-regtest.zcash.svc.cluster.local"}""",
            Output(graph, StackOutputNames.NodeSetServices).ToJsonString());

        // Everything waits for its namespace, the pods for their service account; nothing is kept
        // after a dev teardown.
        var reader = Of(graph, "ServiceAccount").Single(a => a.Inputs["metadata"]!["name"]!.GetValue<string>() == SnapshotIdentities.ReaderServiceAccount);
        Assert.All(Of(graph, "StatefulSet"), s => Assert.Contains("dev/namespace-zcash", s.Options.DependsOn));
        Assert.All(Of(graph, "StatefulSet"), s => Assert.Contains(reader.Path, s.Options.DependsOn));
        Assert.All(Of(graph, "StatefulSet"), s => Assert.Equal(SnapshotIdentities.ReaderServiceAccount,
            s.Inputs["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>()));
        Assert.All(Of(graph, "StatefulSet"), s => Assert.Equal("Delete", s.Inputs["spec"]!["persistentVolumeClaimRetentionPolicy"]!["whenDeleted"]!.GetValue<string>()));
    }

    [Fact]
    public void Prod_keeps_node_volumes_protects_against_disruption_and_monitors_its_nodes()
    {
        var graph = Declare("prod");
        Assert.All(Of(graph, "StatefulSet"), s => Assert.Equal("Retain", s.Inputs["spec"]!["persistentVolumeClaimRetentionPolicy"]!["whenDeleted"]!.GetValue<string>()));
        Assert.Equal(2, Of(graph, "PodDisruptionBudget").Count());
        Assert.Equal(2, Of(graph, "ServiceMonitor").Count());
        Assert.Equal("""{"zebra-mainnet":"zebra-mainnet-rpc.zcash.svc.cluster.local:8232","zebra-testnet":"zebra-testnet-rpc.zcash.svc.cluster.local:18232"}""", Output(graph, StackOutputNames.RpcEndpoints).ToJsonString());
    }

    [Fact]
    public void Two_sets_of_one_network_share_one_peers_service_and_the_agent_image_comes_from_settings()
    {
        var settings = StackYaml.WithBase("""
              zcash-infra:snapshotAgent:
                image: registry.example/agent:1.2.3
              zcash-infra:nodePools:
                - {name: nodes, role: nodes, machineType: n2-highmem-4}
              zcash-infra:nodeSets:
                - {name: zebra-a, network: testnet, version: 6.3.0, snapshot: {index: 'https://snapshots.zfnd.org/testnet/snapshots.json'}}
                - {name: zebra-b, network: testnet, version: 5.2.0}
                - {name: zebra-main, network: mainnet, version: 6.3.0}
                - {name: compat, network: mainnet, implementation: zcashd, version: 6.20.0, zcashd: {compatWith: zebra-main}}
            """).GetOrThrow();
        var graph = ZcashEnvironment.Declare("test", settings);
        Assert.Equal(["test/peers-testnet", "test/peers-mainnet"], graph.Nodes.Where(n => n.Type == PeerDiscovery.Type).Select(n => n.Path));
        var restore = Of(graph, "StatefulSet").Single(s => s.Name == "zebra-a-statefulset").Inputs["spec"]!["template"]!["spec"]!["initContainers"]![0]!;
        Assert.Equal("registry.example/agent:1.2.3", restore["image"]!.GetValue<string>());
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Development));
    }

    [Fact]
    public void A_zcashd_set_lists_every_pod_of_its_peer_group_one_addnode_each()
    {
        // zcash src/net.cpp ThreadOpenAddedConnections: one connection per addnode entry, so the
        // stack hands each zcashd set the stable pod names of the other sets of its group, in the
        // set's peers file (appended at pod start, outside the config digest that rolls the pods).
        var settings = StackYaml.WithBase("""
              zcash-infra:nodePools:
                - {name: nodes, role: nodes, machineType: n2-highmem-4}
              zcash-infra:nodeSets:
                - {name: zcashd-a, network: regtest, implementation: zcashd, version: 6.20.0, replicas: 2}
                - {name: zcashd-b, network: regtest, implementation: zcashd, version: 6.20.0}
                - {name: zcashd-other, network: regtest, implementation: zcashd, version: 6.20.0, peerGroup: other}
            """).GetOrThrow();
        var graph = ZcashEnvironment.Declare("test", settings);
        var conf = Of(graph, "ConfigMap").Single(c => c.Name == "zcashd-b-peers").Inputs["data"]!["peers.conf"]!.GetValue<string>();
        Assert.Equal(
            [
                "addnode=zcashd-b-0.zcashd-b.zcash.svc.cluster.local:18344",
                "addnode=zcashd-a-0.zcashd-a.zcash.svc.cluster.local:18344",
                "addnode=zcashd-a-1.zcashd-a.zcash.svc.cluster.local:18344",
            ],
            conf.Split('\n').Where(l => l.StartsWith("addnode=", StringComparison.Ordinal)));
        Assert.DoesNotContain("addnode=", Of(graph, "ConfigMap").Single(c => c.Name == "zcashd-b-config").Inputs["data"]!["zcash.conf"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ephemeral_environment_shape_yields_an_rpc_endpoint_for_its_node()
    {
        // The configuration EphemeralEnvironments (infra/ZcashInfra.Automation) writes.
        var settings = StackYaml.Parse("""
              zcash-infra:cloud: existing
              zcash-infra:environment: development
              zcash-infra:namespace: eph-ci-testnet-3000000-abcd1234
              zcash-infra:nodeSets: '[{"name":"node","network":"testnet","implementation":"zebrad","version":"6.3.0","replicas":1,"rpc":true,"snapshot":{"index":"https://snapshots.zfnd.org/testnet/snapshots.json","height":3000000}}]'
            """).GetOrThrow();
        var graph = ZcashEnvironment.Declare("eph-ci-testnet-3000000-abcd1234", settings);
        Assert.Equal("node-rpc.eph-ci-testnet-3000000-abcd1234.svc.cluster.local:18232", Output(graph, StackOutputNames.RpcEndpoints)["node"]!.GetValue<string>());

        // Nothing of it lands in another stack's namespace, and no cluster-wide object is declared.
        var kubernetes = graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)).ToList();
        Assert.All(kubernetes, n => Assert.Equal("eph-ci-testnet-3000000-abcd1234",
            n.Inputs["metadata"]!["namespace"]?.GetValue<string>() ?? n.Inputs["metadata"]!["name"]!.GetValue<string>()));
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Development));
    }

    [Fact]
    public void A_stack_without_node_sets_declares_no_node_set_outputs()
    {
        var graph = ZcashEnvironment.Declare("lab", StackYaml.Parse("  zcash-infra:cloud: existing\n").GetOrThrow());
        Assert.DoesNotContain(graph.Outputs, o => o.Name is StackOutputNames.RpcEndpoints or StackOutputNames.NodeSetServices);
        Assert.DoesNotContain(graph.Nodes, n => n.Type == PeerDiscovery.Type);
        Assert.Contains(graph.Resources, n => n.Inputs["metadata"]?["name"]?.GetValue<string>() == Namespaces.Zcash);
    }
}
