using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.NodeSet;

public class NodeConfigTests
{
    [Fact]
    public void Zebrad_config_names_the_network_cache_dir_health_metrics_and_rpc()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var toml = NodeSets.ConfigText(graph);
        Assert.Contains("[network]\nnetwork = \"Mainnet\"\nlisten_addr = \"0.0.0.0:8233\"\n", toml, StringComparison.Ordinal);
        Assert.Contains("[state]\ncache_dir = \"/home/zebra/.cache/zebra\"\n", toml, StringComparison.Ordinal);
        Assert.Contains("[health]\nlisten_addr = \"0.0.0.0:8080\"\nmin_connected_peers = 1\n", toml, StringComparison.Ordinal);
        Assert.Contains("[metrics]\nendpoint_addr = \"0.0.0.0:9999\"\n", toml, StringComparison.Ordinal);
        Assert.Contains("[rpc]\nlisten_addr = \"0.0.0.0:8232\"\nenable_cookie_auth = false\n", toml, StringComparison.Ordinal);
        Assert.Equal("zebrad.toml", NodeSets.Single(graph, "ConfigMap").Inputs["data"]!.AsObject().Single().Key);
    }

    [Fact]
    public void Zebrad_without_rpc_or_monitoring_has_neither_section()
    {
        var (graph, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet);
        var toml = NodeSets.ConfigText(graph);
        Assert.Contains("network = \"Testnet\"\nlisten_addr = \"0.0.0.0:18233\"\n", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("[rpc]", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("[metrics]", toml, StringComparison.Ordinal);
        Assert.Empty(NodeSets.All(graph, "ServiceMonitor"));
    }

    [Fact]
    public void Zebrad_initial_peers_are_the_peers_service_and_the_public_seeders()
    {
        var (graph, outputs) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var toml = NodeSets.ConfigText(graph);

        // zebrad resolves each entry to all its addresses (zebra zebra-network/src/config.rs,
        // Config::resolve_host_once), and the headless peers Service answers with every pod of the
        // group: the set's own pods need no entries, so the list is the same for any replica count.
        var expected = string.Join(string.Empty, new[]
        {
            "zcash-mainnet-peers.zcash.svc.cluster.local:8233",
            "dnsseed.str4d.xyz:8233",
            "dnsseed.z.cash:8233",
            "mainnet.seeder.shieldedinfra.net:8233",
            "mainnet.seeder.zfnd.org:8233",
            "seeder.zec.rocks:8233",
        }.Select(p => $"    \"{p}\",\n"));
        Assert.Contains("initial_mainnet_peers = [\n" + expected + "]\n", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("initial_testnet_peers", toml, StringComparison.Ordinal);
        Assert.Equal(
            ["zebra-mainnet-0.zebra-mainnet.zcash.svc.cluster.local", "zebra-mainnet-1.zebra-mainnet.zcash.svc.cluster.local", "zebra-mainnet-2.zebra-mainnet.zcash.svc.cluster.local"],
            outputs.PodHosts);

        var testnet = NodeSets.ConfigText(NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet).Graph);
        Assert.Contains("initial_testnet_peers = [\n    \"zcash-testnet-peers.zcash.svc.cluster.local:18233\",\n    \"dnsseed.testnet.z.cash:18233\",", testnet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 7)]
    public void Zebrad_config_is_the_same_for_any_replica_count(int from, int to)
    {
        var before = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet, a => a with { Replicas = from, Partition = 0 }).Graph;
        var after = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet, a => a with { Replicas = to, Partition = 0 }).Graph;
        Assert.Equal(NodeSets.ConfigText(before), NodeSets.ConfigText(after));
        Assert.Equal(
            NodeSets.Single(before, "StatefulSet").Inputs["spec"]!["template"]!.ToJsonString(),
            NodeSets.Single(after, "StatefulSet").Inputs["spec"]!["template"]!.ToJsonString());
    }

    [Fact]
    public void Zebrad_on_regtest_needs_no_peers_to_be_healthy_and_gets_no_cluster_peers()
    {
        var (graph, _) = NodeSets.Declare("zebra-regtest", NodeSets.ZebradTestnet, a => a with { Release = a.Release with { Network = Network.Regtest }, Snapshot = null });
        var toml = NodeSets.ConfigText(graph);
        Assert.Contains("network = \"Regtest\"\nlisten_addr = \"0.0.0.0:18233\"\n", toml, StringComparison.Ordinal);
        Assert.Contains("min_connected_peers = 0\n", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("initial_", toml, StringComparison.Ordinal);

        // It still joins the peer group, so zcashd regtest nodes can connect to it.
        Assert.Equal("default", NodeSets.Single(graph, "StatefulSet").Inputs["spec"]!["template"]!["metadata"]!["labels"]![NodeLabels.PeerGroupKey]!.GetValue<string>());
    }

    [Fact]
    public void Zcashd_config_has_the_network_peers_indexes_and_rpc_binding_but_never_the_password()
    {
        var (graph, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest);
        var conf = NodeSets.ConfigText(graph);
        var lines = conf.Split('\n');
        Assert.Contains("i-am-aware-zcashd-will-be-replaced-by-zebrad-and-zallet-in-2025=1", lines);
        Assert.Contains("regtest=1", lines);
        Assert.Contains("port=18344", lines);

        // The addnode entries live in the peers file, appended at pod start (see the peers tests).
        Assert.DoesNotContain(lines, l => l.StartsWith("addnode=", StringComparison.Ordinal));
        Assert.Contains("# addnode entries: ConfigMap zcashd-regtest-peers, appended when the pod starts", lines);
        Assert.Contains("txindex=1", lines);
        Assert.Contains("rpcport=18232", lines);
        Assert.Contains("rpcbind=0.0.0.0", lines);
        Assert.Contains("rpcuser=zcash", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("rpcpassword", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", GraphJson.Render(graph), StringComparison.Ordinal);
        Assert.Equal("zcash.conf", NodeSets.ConfigMap(graph, "-config").Inputs["data"]!.AsObject().Single().Key);
    }

    [Fact]
    public void The_rpc_password_is_a_secret_leaf_merged_into_the_config_inside_the_pod()
    {
        var (graph, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest);
        var secret = NodeSets.Single(graph, "Secret");
        Assert.Equal("zcashd-regtest-rpc", secret.Inputs["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("hunter2-regtest", InputTree.AsSecret(secret.Inputs["stringData"]!["password"])!.RevealForEngine());

        var step = NodeSets.Container(graph, "config", "initContainers");
        var script = NodeSets.Strings(step["command"])[2];
        Assert.Equal("umask 077 && { cat /etc/zcash/zcash.conf && cat /etc/zcash-peers/peers.conf && printf 'rpcpassword=%s\\n' \"$(cat /etc/zcash-rpc/password)\"; } > /run/zcash/zcash.conf", script);
        var volumes = NodeSets.PodSpec(graph)["volumes"]!.AsArray();
        Assert.Contains(volumes, v => v!["secret"]?["secretName"]?.GetValue<string>() == "zcashd-regtest-rpc" && v["secret"]!["defaultMode"]!.GetValue<int>() == 288);
        Assert.Contains(volumes, v => v!["emptyDir"]?["medium"]?.GetValue<string>() == "Memory");
        Assert.DoesNotContain(NodeSets.PodSpec(graph)["containers"]!.AsArray(), c => c!["env"] is not null);
        Assert.Contains(NodeSets.Single(graph, "StatefulSet").Options.DependsOn, d => d == secret.Path);

        // Without a password: cookie auth, no Secret; the step still appends the peers.
        var (plain, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest, a => a with { RpcPassword = null });
        Assert.Empty(NodeSets.All(plain, "Secret"));
        Assert.DoesNotContain("rpcuser", NodeSets.ConfigText(plain), StringComparison.Ordinal);
        Assert.Equal(
            "umask 077 && { cat /etc/zcash/zcash.conf && cat /etc/zcash-peers/peers.conf; } > /run/zcash/zcash.conf",
            NodeSets.Strings(NodeSets.Container(plain, "config", "initContainers")["command"])[2]);
    }

    [Fact]
    public void A_compat_zcashd_connects_only_to_its_zebrad_set_and_does_not_listen()
    {
        var (graph, _) = NodeSets.Declare("zcashd-compat", NodeSets.ZcashdRegtest, a => a with
        {
            Release = a.Release with { Network = Network.Mainnet, Zcashd = new ZcashdOptions { CompatWith = "zebra-mainnet" } },
            RpcPassword = null,
        });
        var lines = NodeSets.ConfigText(graph).Split('\n');
        Assert.Single(lines, l => l.StartsWith("connect=", StringComparison.Ordinal));
        Assert.Contains("connect=zebra-mainnet.zcash.svc.cluster.local:8233", lines);
        Assert.Contains("listen=0", lines);
        Assert.Contains("dnsseed=0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("addnode=", StringComparison.Ordinal));
        Assert.Single(NodeSets.All(graph, "ConfigMap"));
        Assert.Null(NodeSets.PodSpec(graph)["initContainers"]?.AsArray().FirstOrDefault(c => c!["name"]!.GetValue<string>() == "config"));

        var labels = NodeSets.Single(graph, "StatefulSet").Inputs["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.False(labels.ContainsKey(NodeLabels.PeerGroupKey));
        Assert.Equal("mainnet", labels[NodeLabels.NetworkKey]!.GetValue<string>());
        Assert.DoesNotContain(NodeSets.Container(graph, "zcashd")["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "p2p");
    }

    [Fact]
    public void Zcashd_lists_every_pod_of_its_peer_group_one_addnode_each_in_its_peers_file()
    {
        var (graph, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest, a => a with
        {
            Replicas = 2,
            GroupPeers = ["other-0.other.zcash.svc.cluster.local:18344", "other-1.other.zcash.svc.cluster.local:18344"],
        });

        // zcash src/net.cpp ThreadOpenAddedConnections keeps one connection per addnode entry, to
        // one resolved address: a Service name would reach one pod at most, so each stable pod
        // name is its own entry.
        var addnodes = NodeSets.PeersText(graph).Split('\n').Where(l => l.StartsWith("addnode=", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "addnode=zcashd-regtest-0.zcashd-regtest.zcash.svc.cluster.local:18344",
                "addnode=zcashd-regtest-1.zcashd-regtest.zcash.svc.cluster.local:18344",
                "addnode=other-0.other.zcash.svc.cluster.local:18344",
                "addnode=other-1.other.zcash.svc.cluster.local:18344",
            ],
            addnodes);

        // The file is mounted into the config step only, and the StatefulSet waits for it.
        var peers = NodeSets.ConfigMap(graph, "-peers");
        Assert.Equal("true", peers.Inputs["metadata"]!["annotations"]!["zcash-infra/read-at-pod-start"]!.GetValue<string>());
        Assert.Contains(NodeSets.Single(graph, "StatefulSet").Options.DependsOn, d => d == peers.Path);
        Assert.Contains(NodeSets.PodSpec(graph)["volumes"]!.AsArray(), v => v!["configMap"]?["name"]?.GetValue<string>() == "zcashd-regtest-peers");
        Assert.DoesNotContain(NodeSets.Container(graph, "zcashd")["volumeMounts"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "peers");
    }

    [Fact]
    public void Scaling_a_zcashd_set_or_its_group_changes_the_peers_file_but_not_the_pods()
    {
        var before = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest).Graph;
        var after = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest, a => a with
        {
            Replicas = 2,
            GroupPeers = ["other-0.other.zcash.svc.cluster.local:18344"],
        }).Graph;
        Assert.NotEqual(NodeSets.PeersText(before), NodeSets.PeersText(after));
        Assert.Equal(NodeSets.ConfigText(before), NodeSets.ConfigText(after));
        Assert.Equal(
            NodeSets.Single(before, "StatefulSet").Inputs["spec"]!["template"]!.ToJsonString(),
            NodeSets.Single(after, "StatefulSet").Inputs["spec"]!["template"]!.ToJsonString());
    }

    [Fact]
    public void Zebrad_readiness_tolerates_slow_blocks_deliberately()
    {
        var toml = NodeSets.ConfigText(NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph);
        Assert.Contains("[health]\n", toml, StringComparison.Ordinal);
        Assert.Contains("ready_max_tip_age = \"30m\"\n", toml, StringComparison.Ordinal);

        // Gaps between blocks are about exponential around the target spacing. Count how many gaps a
        // year outlast the tip age, each one failing /ready on every replica at once (the RPC Service
        // empties). Mainnet blocks come every 25 s since NU7 (ZIP 218): zebrad's default of 5 minutes
        // (12 target gaps) is passed about 8 times a year; 30 minutes (72 gaps) never.
        static double GapsPerYearLongerThan(TimeSpan age, TimeSpan spacing) =>
            TimeSpan.FromDays(365) / spacing * Math.Exp(-age.TotalSeconds / spacing.TotalSeconds);
        var mainnet = ChainTiming.TipSpacing(Network.Mainnet);
        Assert.Equal(TimeSpan.FromSeconds(25), mainnet);
        Assert.InRange(GapsPerYearLongerThan(TimeSpan.FromMinutes(5), mainnet), 7, 8.5);
        Assert.True(GapsPerYearLongerThan(TimeSpan.FromMinutes(30), mainnet) < 1e-20);

        // Real gaps have a fatter tail than the model (hash rate moves, and difficulty follows only
        // over several blocks). Even at a third of the hash rate, i.e. the pre-NU7 75 s, where the
        // default fails about 21 times a day, 30 minutes is passed less than once in 10,000 years.
        var slow = ChainTiming.SpacingBeforeNu7;
        Assert.InRange(GapsPerYearLongerThan(TimeSpan.FromMinutes(5), slow) / 365, 20, 22);
        Assert.True(GapsPerYearLongerThan(TimeSpan.FromMinutes(30), slow) < 1e-4);
    }
}
