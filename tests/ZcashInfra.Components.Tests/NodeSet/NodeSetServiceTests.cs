using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.NodeSet;

public class NodeSetServiceTests
{
    private static GraphNode Named(ResourceGraph graph, string kind, string name) =>
        NodeSets.All(graph, kind).Single(n => n.Inputs["metadata"]!["name"]!.GetValue<string>() == name);

    [Fact]
    public void The_headless_service_gives_every_pod_a_stable_name_ready_or_not()
    {
        var (graph, outputs) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var service = Named(graph, "Service", "zebra-mainnet").Inputs["spec"]!;
        Assert.Equal("None", service["clusterIP"]!.GetValue<string>());
        Assert.True(service["publishNotReadyAddresses"]!.GetValue<bool>());
        Assert.Equal("zebra-mainnet", NodeSets.Single(graph, "StatefulSet").Inputs["spec"]!["serviceName"]!.GetValue<string>());
        Assert.Equal(["p2p", "rpc", "metrics"], service["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("zebra-mainnet.zcash.svc.cluster.local", outputs.ServiceHost);
        Assert.Equal(8233, outputs.P2pPort);
    }

    [Fact]
    public void Rpc_has_its_own_service_of_ready_pods_and_an_endpoint_output()
    {
        var (graph, outputs) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var rpc = Named(graph, "Service", "zebra-mainnet-rpc").Inputs["spec"]!;
        Assert.Null(rpc["clusterIP"]);
        Assert.Null(rpc["publishNotReadyAddresses"]);
        var port = Assert.Single(rpc["ports"]!.AsArray())!;
        Assert.Equal(8232, port["port"]!.GetValue<int>());
        Assert.Equal("zebra-mainnet-rpc.zcash.svc.cluster.local:8232", outputs.RpcEndpoint);

        var (testnet, testnetOutputs) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet);
        Assert.Single(NodeSets.All(testnet, "Service"));
        Assert.Null(testnetOutputs.RpcEndpoint);
    }

    [Fact]
    public void A_disruption_budget_exists_only_for_replicated_sets()
    {
        var (replicated, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var pdb = NodeSets.Single(replicated, "PodDisruptionBudget").Inputs["spec"]!;
        Assert.Equal(1, pdb["maxUnavailable"]!.GetValue<int>());
        // IfHealthyBudget: a NotReady pod is evictable only while the budget holds, so replicas that
        // go NotReady together (a stale tip) cannot all be drained at once.
        Assert.Equal("IfHealthyBudget", pdb["unhealthyPodEvictionPolicy"]!.GetValue<string>());
        var podLabels = NodeSets.Single(replicated, "StatefulSet").Inputs["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(pdb["selector"]!["matchLabels"]!.AsObject(), kv => Assert.Equal(kv.Value!.GetValue<string>(), podLabels[kv.Key]!.GetValue<string>()));

        Assert.Empty(NodeSets.All(NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet).Graph, "PodDisruptionBudget"));
    }

    [Fact]
    public void The_network_policy_admits_p2p_from_anywhere_metrics_from_monitoring_and_rpc_from_labelled_clients()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var spec = NodeSets.Single(graph, "NetworkPolicy").Inputs["spec"]!;
        Assert.Equal(["Ingress"], NodeSets.Strings(spec["policyTypes"]));
        var rules = spec["ingress"]!.AsArray();
        Assert.Equal(3, rules.Count);

        var p2p = rules[0]!;
        Assert.Null(p2p["from"]);
        Assert.Equal(8233, p2p["ports"]![0]!["port"]!.GetValue<int>());

        var metrics = rules[1]!;
        Assert.Equal(Namespaces.Monitoring, metrics["from"]![0]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Equal(ZcashPorts.ZebraMetrics, metrics["ports"]![0]!["port"]!.GetValue<int>());

        var rpc = rules[2]!;
        var client = rpc["from"]![0]!;
        Assert.Equal("{}", client["namespaceSelector"]!.ToJsonString());
        Assert.Equal("true", client["podSelector"]!["matchLabels"]![NodeLabels.RpcClient("zebra-mainnet")]!.GetValue<string>());
        Assert.Equal(8232, rpc["ports"]![0]!["port"]!.GetValue<int>());

        // Without rpc and monitoring only peer-to-peer is open.
        var testnet = NodeSets.Single(NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet).Graph, "NetworkPolicy");
        Assert.Single(testnet.Inputs["spec"]!["ingress"]!.AsArray());
    }

    [Fact]
    public void A_monitored_zebrad_set_gets_a_service_monitor_on_its_headless_service()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var monitor = NodeSets.Single(graph, "ServiceMonitor");
        Assert.Equal("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", monitor.Type);
        var selector = monitor.Inputs["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var headless = Named(graph, "Service", "zebra-mainnet").Inputs["metadata"]!["labels"]!.AsObject();
        var rpc = Named(graph, "Service", "zebra-mainnet-rpc").Inputs["metadata"]!["labels"]!.AsObject();
        Assert.All(selector, kv => Assert.Equal(kv.Value!.GetValue<string>(), headless[kv.Key]!.GetValue<string>()));
        Assert.Contains(selector, kv => rpc[kv.Key]?.GetValue<string>() != kv.Value!.GetValue<string>());
        Assert.Equal("metrics", monitor.Inputs["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
    }

    [Fact]
    public void The_service_monitor_carries_the_labels_the_clusters_prometheus_selects_on()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet,
            a => a with { ServiceMonitorLabels = new Dictionary<string, string> { ["release"] = "kube-prometheus-stack" } });
        var labels = NodeSets.Single(graph, "ServiceMonitor").Inputs["metadata"]!["labels"]!.AsObject();
        Assert.Equal("kube-prometheus-stack", labels["release"]!.GetValue<string>());
        Assert.Equal("zebra-mainnet", labels[RecommendedLabels.Instance]!.GetValue<string>());

        var e = Assert.Throws<GraphException>(() => NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet,
            a => a with { ServiceMonitorLabels = new Dictionary<string, string> { [RecommendedLabels.Instance] = "other" } }));
        Assert.Contains("ServiceMonitorLabels must not set app.kubernetes.io/instance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_object_is_in_the_namespace_uses_the_provider_and_depends_on_what_it_needs()
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ns = Namespaces.Declare(builder.Root, "namespace-zcash", Namespaces.Zcash, provider, "zcash-nodes");
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra-mainnet", NodeSets.ZebradMainnet(provider) with { DependsOn = [ns] });
        var graph = builder.Build();
        foreach (var node in graph.Resources.Where(n => n.Parent == "test/zebra-mainnet"))
        {
            Assert.Equal(provider, node.Options.Provider);
            Assert.Contains(ns, node.Options.DependsOn);
            Assert.Equal(Namespaces.Zcash, node.Inputs["metadata"]!["namespace"]!.GetValue<string>());
            Assert.StartsWith("zebra-mainnet-", node.Name, StringComparison.Ordinal);
        }

        var statefulSet = NodeSets.Single(graph, "StatefulSet");
        Assert.Contains(NodeSets.Single(graph, "ConfigMap").Path, statefulSet.Options.DependsOn);
        Assert.Equal(Components.NodeSet.NodeSetComponent.Type, graph["test/zebra-mainnet"].Type);
    }

    [Fact]
    public void The_component_publishes_its_endpoints_as_outputs()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var outputs = graph["test/zebra-mainnet"].Outputs.ToDictionary(o => o.Name, o => o.Value);
        Assert.Equal("zebra-mainnet.zcash.svc.cluster.local", outputs["serviceHost"]!.GetValue<string>());
        Assert.Equal("zebra-mainnet-rpc.zcash.svc.cluster.local:8232", outputs["rpcEndpoint"]!.GetValue<string>());
        Assert.Equal(8233, outputs["p2pPort"]!.GetValue<int>());
        Assert.IsType<JsonNode>(outputs["statefulSetName"], exactMatch: false);
    }
}
