using System.Text.Json.Nodes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.NodeSet;

public class NodeSetPodTests
{
    [Fact]
    public void Zebrad_pods_run_restricted_as_the_image_user_without_a_recursive_chown()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var pod = NodeSets.PodSpec(graph);
        var security = pod["securityContext"]!;
        Assert.True(security["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(10001, security["runAsUser"]!.GetValue<long>());
        Assert.Equal(10001, security["fsGroup"]!.GetValue<long>());
        Assert.Equal("OnRootMismatch", security["fsGroupChangePolicy"]!.GetValue<string>());
        Assert.Equal("RuntimeDefault", security["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.False(pod["enableServiceLinks"]!.GetValue<bool>());
        Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.Equal(SnapshotIdentities.ReaderServiceAccount, pod["serviceAccountName"]!.GetValue<string>());
        Assert.Equal(120, pod["terminationGracePeriodSeconds"]!.GetValue<int>());

        var zebrad = NodeSets.Container(graph, "zebrad");
        Assert.Equal(["zebrad", "-c", "/etc/zebrad/zebrad.toml"], NodeSets.Strings(zebrad["command"]));
        Assert.Equal("zfnd/zebra:6.3.0", zebrad["image"]!.GetValue<string>());
        foreach (var container in pod["containers"]!.AsArray().Concat(pod["initContainers"]!.AsArray()))
        {
            var context = container!["securityContext"]!;
            Assert.False(context["allowPrivilegeEscalation"]!.GetValue<bool>());
            Assert.True(context["readOnlyRootFilesystem"]!.GetValue<bool>());
            Assert.Equal(["ALL"], NodeSets.Strings(context["capabilities"]!["drop"]));
            Assert.NotNull(container["resources"]!["requests"]!["cpu"]);
            Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        }
    }

    [Fact]
    public void Pods_are_placed_on_the_nodes_pool_and_spread_across_hosts_and_zones()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var pod = NodeSets.PodSpec(graph);
        Assert.Equal(PoolPlacement.NodeSelector(PoolRole.Nodes).ToJsonString(), pod["nodeSelector"]!.ToJsonString());
        Assert.Equal(PoolPlacement.Tolerations(PoolRole.Nodes).ToJsonString(), pod["tolerations"]!.ToJsonString());

        var anti = pod["affinity"]!["podAntiAffinity"]!;
        var required = Assert.Single(anti["requiredDuringSchedulingIgnoredDuringExecution"]!.AsArray())!;
        Assert.Equal("kubernetes.io/hostname", required["topologyKey"]!.GetValue<string>());
        var preferred = Assert.Single(anti["preferredDuringSchedulingIgnoredDuringExecution"]!.AsArray())!;
        Assert.Equal("topology.kubernetes.io/zone", preferred["podAffinityTerm"]!["topologyKey"]!.GetValue<string>());

        var selector = NodeSets.Single(graph, "StatefulSet").Inputs["spec"]!["selector"]!["matchLabels"]!;
        Assert.Equal(selector.ToJsonString(), required["labelSelector"]!["matchLabels"]!.ToJsonString());
    }

    [Fact]
    public void Zebrad_probes_start_on_healthy_ready_on_ready_and_the_startup_window_fits_the_network()
    {
        var (mainnet, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var zebrad = NodeSets.Container(mainnet, "zebrad");
        Assert.Equal("/healthy", zebrad["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/ready", zebrad["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/healthy", zebrad["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("health", zebrad["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
        Assert.Contains(zebrad["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "health" && p["containerPort"]!.GetValue<int>() == ZcashPorts.ZebraHealth);

        static double Window(JsonNode probe) => probe["periodSeconds"]!.GetValue<int>() * probe["failureThreshold"]!.GetValue<int>();
        Assert.Equal(NodeSizing.StartupWindow(Network.Mainnet).TotalSeconds, Window(zebrad["startupProbe"]!));
        var (testnet, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet);
        Assert.Equal(NodeSizing.StartupWindow(Network.Testnet).TotalSeconds, Window(NodeSets.Container(testnet, "zebrad")["startupProbe"]!));
        Assert.True(NodeSizing.StartupWindow(Network.Mainnet) > NodeSizing.StartupWindow(Network.Testnet));
    }

    [Fact]
    public void Zcashd_probes_ask_its_rpc_and_readiness_waits_for_the_end_of_initial_block_download()
    {
        var (regtest, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest);
        var zcashd = NodeSets.Container(regtest, "zcashd");
        var liveness = NodeSets.Strings(zcashd["livenessProbe"]!["exec"]!["command"]);
        Assert.Equal(["zcash-cli", "-conf=/run/zcash/zcash.conf", "-datadir=/srv/zcashd/.zcash", "getblockcount"], liveness);
        Assert.Equal(liveness, NodeSets.Strings(zcashd["startupProbe"]!["exec"]!["command"]));
        Assert.Equal(300, NodeSets.PodSpec(regtest)["terminationGracePeriodSeconds"]!.GetValue<int>());
        Assert.Equal(2001, NodeSets.PodSpec(regtest)["securityContext"]!["runAsUser"]!.GetValue<long>());

        var (testnet, _) = NodeSets.Declare("zcashd-testnet", NodeSets.ZcashdRegtest, a => a with { Release = a.Release with { Network = Network.Testnet }, RpcPassword = null });
        var readiness = NodeSets.Strings(NodeSets.Container(testnet, "zcashd")["readinessProbe"]!["exec"]!["command"]);
        Assert.Equal("sh", readiness[0]);
        Assert.Contains("zcash-cli -conf=/run/zcash/zcash.conf -datadir=/srv/zcashd/.zcash getblockchaininfo", readiness[2], StringComparison.Ordinal);
        Assert.Contains("\"initialblockdownload\": false", readiness[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Zcashd_runs_the_binary_directly_with_its_config_and_data_dir()
    {
        var (graph, _) = NodeSets.Declare("zcashd-testnet", NodeSets.ZcashdRegtest, a => a with { Release = a.Release with { Network = Network.Testnet }, RpcPassword = null });
        var zcashd = NodeSets.Container(graph, "zcashd");

        // The config step assembles the config (peers appended) in the pod's memory volume.
        Assert.Equal(["zcashd", "-conf=/run/zcash/zcash.conf", "-datadir=/srv/zcashd/.zcash"], NodeSets.Strings(zcashd["command"]));
        Assert.Equal("electriccoinco/zcashd:v6.20.0", zcashd["image"]!.GetValue<string>());
        Assert.Equal(["config"], NodeSets.PodSpec(graph)["initContainers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void The_image_is_pinned_by_version_and_optionally_by_digest()
    {
        var (graph, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, a => a with { Release = a.Release with { Image = "registry.example/zebra" } });
        Assert.Equal($"registry.example/zebra:6.3.0@sha256:{NodeSets.Sha256}", NodeSets.Container(graph, "zebrad")["image"]!.GetValue<string>());
    }

    [Fact]
    public void Resources_default_per_network_and_can_be_overridden()
    {
        var (mainnet, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var resources = NodeSets.Container(mainnet, "zebrad")["resources"]!;
        Assert.Equal("4", resources["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("16Gi", resources["requests"]!["memory"]!.GetValue<string>());
        Assert.Equal("16Gi", resources["limits"]!["memory"]!.GetValue<string>());
        Assert.Null(resources["limits"]!["cpu"]);

        var (custom, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, a => a with { Resources = new NodeResources("3", "12Gi", "6", "14Gi") });
        var overridden = NodeSets.Container(custom, "zebrad")["resources"]!;
        Assert.Equal("""{"requests":{"cpu":"3","memory":"12Gi"},"limits":{"memory":"14Gi","cpu":"6"}}""", overridden.ToJsonString());
    }

    [Fact]
    public void Rollouts_can_be_staged_by_partition_and_pods_are_managed_as_configured()
    {
        var (mainnet, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var spec = NodeSets.Single(mainnet, "StatefulSet").Inputs["spec"]!;
        Assert.Equal(2, spec["updateStrategy"]!["rollingUpdate"]!["partition"]!.GetValue<int>());
        Assert.Equal("RollingUpdate", spec["updateStrategy"]!["type"]!.GetValue<string>());
        Assert.Equal("Parallel", spec["podManagementPolicy"]!.GetValue<string>());

        var (testnet, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet);
        Assert.Equal("OrderedReady", NodeSets.Single(testnet, "StatefulSet").Inputs["spec"]!["podManagementPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Volumes_come_from_claim_templates_sized_per_network_and_survive_production_deletes()
    {
        var (mainnet, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var spec = NodeSets.Single(mainnet, "StatefulSet").Inputs["spec"]!;
        var claim = Assert.Single(spec["volumeClaimTemplates"]!.AsArray())!;
        Assert.Equal("400Gi", claim["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Equal("premium-rwo", claim["spec"]!["storageClassName"]!.GetValue<string>());
        Assert.Equal("Retain", spec["persistentVolumeClaimRetentionPolicy"]!["whenDeleted"]!.GetValue<string>());
        Assert.True(NodeSets.Single(mainnet, "StatefulSet").Options.DeleteBeforeReplace);
        Assert.Contains(NodeSets.Container(mainnet, "zebrad")["volumeMounts"]!.AsArray(),
            m => m!["name"]!.GetValue<string>() == claim["metadata"]!["name"]!.GetValue<string>() && m["mountPath"]!.GetValue<string>() == NodeImages.ZebraCacheDir);

        var (testnet, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet);
        var testnetSpec = NodeSets.Single(testnet, "StatefulSet").Inputs["spec"]!;
        Assert.Equal("50Gi", testnetSpec["volumeClaimTemplates"]![0]!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Null(testnetSpec["volumeClaimTemplates"]![0]!["spec"]!["storageClassName"]);
        Assert.Equal("Delete", testnetSpec["persistentVolumeClaimRetentionPolicy"]!["whenDeleted"]!.GetValue<string>());
    }

    [Fact]
    public void A_config_change_changes_the_pod_template_so_pods_roll()
    {
        static string Digest(Func<Components.NodeSet.NodeSetArgs, Components.NodeSet.NodeSetArgs>? change) =>
            NodeSets.Single(NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, change).Graph, "StatefulSet")
                .Inputs["spec"]!["template"]!["metadata"]!["annotations"]!["zcash-infra/config-sha256"]!.GetValue<string>();

        Assert.Equal(64, Digest(null).Length);
        Assert.Equal(Digest(null), Digest(a => a with { Partition = 0 }));
        Assert.NotEqual(Digest(null), Digest(a => a with { Rpc = true }));
    }
}
