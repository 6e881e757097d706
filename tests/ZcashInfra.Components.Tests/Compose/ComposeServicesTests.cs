using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Tests.NodeSet;

namespace ZcashInfra.Components.Tests.Compose;

/// <summary>What each node set becomes in Compose, compared with the pod the cluster runs.</summary>
public class ComposeServicesTests
{
    [Fact]
    public void The_restore_is_a_one_shot_with_the_init_containers_image_arguments_and_mounts_that_the_node_waits_for()
    {
        // A zcashd of a peer group assembles its config in a step first (see the peers test below).
        foreach (var set in new[] { ComposeSets.ZebradTestnet })
        {
            var document = ComposeSets.Render(set);
            var restore = ComposeSets.Service(document, ComposeNames.Restore(set.Name));
            var init = ComposeSets.ClusterPod(set)["initContainers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == NodePod.RestoreContainer)!;
            Assert.Equal(init["image"]!.GetValue<string>(), restore["image"]!.GetValue<string>());
            Assert.Equal(ComposeSets.Strings(init["args"]), ComposeSets.Strings(restore["command"]));
            Assert.False(restore.ContainsKey("restart"), "a restarted one-shot never counts as completed");
            Assert.Equal(
                init["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == NodeSetPlan.VolumeName)!["mountPath"]!.GetValue<string>(),
                restore["volumes"]!.AsArray().Single(v => v!["type"]!.GetValue<string>() == "volume")!["target"]!.GetValue<string>());
            Assert.Equal(ComposeNames.StateVolume(set.Name), restore["volumes"]![0]!["source"]!.GetValue<string>());

            var node = ComposeSets.Service(document, set.Name);
            Assert.Equal("service_completed_successfully", node["depends_on"]![ComposeNames.Restore(set.Name)]!["condition"]!.GetValue<string>());
            Assert.Equal("service_completed_successfully", restore["depends_on"]![ComposeNames.VolumeOwner(set.Name)]!["condition"]!.GetValue<string>());
            Assert.True(document["volumes"]!.AsObject().ContainsKey(ComposeNames.StateVolume(set.Name)));
        }
    }

    [Fact]
    public void A_set_without_a_snapshot_has_no_restore_and_waits_for_its_volume_owner_only()
    {
        var document = ComposeSets.Render(ComposeSets.ZcashdRegtest);
        Assert.False(document["services"]!.AsObject().ContainsKey(ComposeNames.Restore("zcashd-regtest")));
        Assert.Equal(["zcashd-regtest-volume-owner"], ComposeSets.Service(document, "zcashd-regtest")["depends_on"]!.AsObject().Select(d => d.Key));
    }

    [Fact]
    public void The_volume_owner_gives_the_state_volume_to_the_pods_user_and_group_with_chown_only()
    {
        var set = ComposeSets.ZebradTestnet;
        var owner = ComposeSets.Service(ComposeSets.Render(set), ComposeNames.VolumeOwner(set.Name));
        var security = ComposeSets.ClusterPod(set)["securityContext"]!;
        Assert.Equal(["chown", $"{security["runAsUser"]}:{security["fsGroup"]}", "/home/zebra/.cache/zebra"], ComposeSets.Strings(owner["entrypoint"]));
        Assert.Equal(["ALL"], ComposeSets.Strings(owner["cap_drop"]));
        Assert.Equal(["CHOWN"], ComposeSets.Strings(owner["cap_add"]));
        Assert.Equal("none", owner["network_mode"]!.GetValue<string>());
    }

    [Fact]
    public void The_node_runs_the_pods_image_command_and_user_with_its_config_where_the_pod_mounts_it()
    {
        // A zcashd of a peer group assembles its config in a step first (see the peers test below).
        foreach (var set in new[] { ComposeSets.ZebradTestnet })
        {
            var pod = ComposeSets.ClusterPod(set);
            var container = pod["containers"]![0]!;
            var node = ComposeSets.Service(ComposeSets.Render(set), set.Name);
            Assert.Equal(container["image"]!.GetValue<string>(), node["image"]!.GetValue<string>());
            Assert.Equal(ComposeSets.Strings(container["command"]), ComposeSets.Strings(node["entrypoint"]));
            Assert.Equal($"{pod["securityContext"]!["runAsUser"]}:{pod["securityContext"]!["runAsGroup"]}", node["user"]!.GetValue<string>());
            Assert.Equal($"{pod["terminationGracePeriodSeconds"]}s", node["stop_grace_period"]!.GetValue<string>());
            var configDir = container["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "config")!["mountPath"]!.GetValue<string>();
            var config = node["configs"]!.AsArray().Single()!;
            Assert.Equal(ComposeNames.Config(set.Name), config["source"]!.GetValue<string>());
            Assert.StartsWith(configDir + "/", config["target"]!.GetValue<string>(), StringComparison.Ordinal);

            // Compose cannot write inline configs into a read-only container (docker/compose pkg/compose/secrets.go).
            Assert.False(node.ContainsKey("read_only"));
            Assert.Equal(["ALL"], ComposeSets.Strings(node["cap_drop"]));
        }
    }

    [Fact]
    public void Zebrad_is_healthy_when_ready_and_live_on_its_health_port_after_the_startup_window()
    {
        var check = ComposeSets.Service(ComposeSets.Render(ComposeSets.ZebradTestnet), "zebra-testnet")["healthcheck"]!;
        Assert.Equal(
            ["CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:8080/ready && curl -fsS -o /dev/null http://127.0.0.1:8080/healthy"],
            ComposeSets.Strings(check["test"]));
        Assert.Equal("15s", check["interval"]!.GetValue<string>());
        Assert.Equal(3, check["retries"]!.GetValue<int>());

        // The startup probe's window (30 min on testnet) is Compose's start period.
        Assert.Equal("1800s", check["start_period"]!.GetValue<string>());
        Assert.Equal("10s", check["start_interval"]!.GetValue<string>());
    }

    [Fact]
    public void Zcashd_is_healthy_when_out_of_initial_block_download_as_the_readiness_probe_says()
    {
        var check = ComposeSets.Service(ComposeSets.Render(ComposeSets.ZcashdTestnet), "zcashd-testnet")["healthcheck"]!;
        Assert.Equal(
            ["CMD-SHELL", "(zcash-cli -conf=/run/zcash/zcash.conf -datadir=/srv/zcashd/.zcash getblockchaininfo | grep -q '\"initialblockdownload\": false') && " +
             "zcash-cli -conf=/run/zcash/zcash.conf -datadir=/srv/zcashd/.zcash getblockcount"],
            ComposeSets.Strings(check["test"]));
    }

    [Fact]
    public void Zcashd_gets_its_peers_file_as_a_second_config_and_appends_it_before_starting()
    {
        var document = ComposeSets.Render(ComposeSets.ZcashdTestnet);
        var node = ComposeSets.Service(document, "zcashd-testnet");
        var configs = node["configs"]!.AsArray().Select(c => (c!["source"]!.GetValue<string>(), c["target"]!.GetValue<string>())).ToList();
        Assert.Equal([("zcashd-testnet-config", "/etc/zcash/zcash.conf"), ("zcashd-testnet-peers", "/etc/zcash-peers/peers.conf")], configs);
        Assert.Equal(
            "umask 077 && { cat /etc/zcash/zcash.conf && cat /etc/zcash-peers/peers.conf; } > /run/zcash/zcash.conf && exec zcashd -conf=/run/zcash/zcash.conf -datadir=/srv/zcashd/.zcash",
            ComposeSets.Strings(node["entrypoint"])[2]);
        Assert.Contains("addnode=zcashd-testnet:18233\n", document["configs"]!["zcashd-testnet-peers"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rpc_password_comes_from_the_users_environment_and_is_never_rendered()
    {
        var set = ComposeSets.ZcashdRegtest;
        var args = new ComposeArgs { Project = "p", NodeSets = [set] };
        var text = ComposeProject.Text(args, "stack 'test'");
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("# Secrets are not in this file: set ZCASH_INFRA_ZCASHD_REGTEST_RPC_PASSWORD in the environment", text, StringComparison.Ordinal);

        var document = ComposeProject.Render(args);
        Assert.Equal("ZCASH_INFRA_ZCASHD_REGTEST_RPC_PASSWORD", document["secrets"]!["zcashd-regtest-rpc-password"]!["environment"]!.GetValue<string>());
        var node = ComposeSets.Service(document, "zcashd-regtest");
        var secret = node["secrets"]!.AsArray().Single()!;
        Assert.Equal("/etc/zcash-rpc/password", secret["target"]!.GetValue<string>());
        Assert.Equal(("0", "2001", "0440"), (secret["uid"]!.GetValue<string>(), secret["gid"]!.GetValue<string>(), secret["mode"]!.GetValue<string>()));

        // The pod's config step runs first in the node's own tmpfs, then execs zcashd on the merged
        // config; "$" is doubled so Compose leaves the command substitution to the shell.
        var entrypoint = ComposeSets.Strings(node["entrypoint"]);
        Assert.Equal(["sh", "-c"], entrypoint[..2]);
        Assert.Contains("\"$$(cat /etc/zcash-rpc/password)\"", entrypoint[2], StringComparison.Ordinal);
        Assert.EndsWith("> /run/zcash/zcash.conf && exec zcashd -conf=/run/zcash/zcash.conf -datadir=/srv/zcashd/.zcash", entrypoint[2], StringComparison.Ordinal);
        Assert.Contains(node["volumes"]!.AsArray(), v => v!["type"]!.GetValue<string>() == "tmpfs" && v["target"]!.GetValue<string>() == "/run/zcash");
    }

    [Fact]
    public void No_string_in_a_render_leaves_a_dollar_for_compose_to_substitute()
    {
        var text = ComposeProject.Text(new ComposeArgs { Project = "p", NodeSets = [.. ComposeSets.Every], IncludeMainnet = true }, "stack 'test'");
        Assert.Contains("$$", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\$)\$(?!\$)", text.Replace("$$", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_declared_port_is_published_on_loopback_and_a_port_taken_earlier_gets_a_docker_chosen_one()
    {
        var document = ComposeSets.Render(ComposeSets.ZebradTestnet, ComposeSets.ZcashdRegtest);
        var zebra = ComposeSets.Service(document, "zebra-testnet")["ports"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var zcashd = ComposeSets.Service(document, "zcashd-regtest")["ports"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.All(zebra.Concat(zcashd), p => Assert.Equal("127.0.0.1", p["host_ip"]!.GetValue<string>()));
        Assert.Equal(["p2p", "health", "rpc", "metrics"], zebra.Select(p => p["name"]!.GetValue<string>()));
        Assert.Equal(9999, zebra.Single(p => p["name"]!.GetValue<string>() == "metrics")["published"]!.GetValue<int>());
        Assert.Equal(18232, zebra.Single(p => p["name"]!.GetValue<string>() == "rpc")["published"]!.GetValue<int>());
        Assert.False(zcashd.Single(p => p["name"]!.GetValue<string>() == "rpc").ContainsKey("published"), "18232 was taken by zebra-testnet");
        Assert.Equal(18344, zcashd.Single(p => p["name"]!.GetValue<string>() == "p2p")["published"]!.GetValue<int>());
    }

    [Fact]
    public void Nodes_of_a_peer_group_share_its_alias_and_a_compat_zcashd_joins_none()
    {
        var document = ComposeSets.Render(ComposeSets.ZebradMainnet, ComposeSets.ZcashdCompat);
        Assert.Equal(["zcash-mainnet-peers"], ComposeSets.Strings(ComposeSets.Service(document, "zebra-mainnet")["networks"]!["default"]!["aliases"]));
        Assert.False(ComposeSets.Service(document, "zcashd-compat").ContainsKey("networks"));
    }

    [Fact]
    public void Mainnet_sets_are_refused_without_the_flag_with_the_reason()
    {
        var error = Assert.Throws<ComposeException>(() => ComposeSets.Render(includeMainnet: false, ComposeSets.ZebradTestnet, ComposeSets.ZebradMainnet));
        Assert.Contains("'zebra-mainnet'", error.Message, StringComparison.Ordinal);
        Assert.Contains("300 GB", error.Message, StringComparison.Ordinal);
        Assert.Contains("--include-mainnet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zebra-testnet", error.Message, StringComparison.Ordinal);

        Assert.True(ComposeSets.Render(includeMainnet: false, ComposeSets.ZebradTestnet, ComposeSets.ZcashdRegtest)["services"]!.AsObject().ContainsKey("zebra-testnet"));
    }

    [Fact]
    public void Names_that_clash_in_compose_are_an_error_naming_both_sets()
    {
        var clash = new ComposeNodeSet("zebra-testnet-restore", NodeSets.ZcashdRegtest(ComposeSets.Provider));
        var error = Assert.Throws<ComposeException>(() => ComposeSets.Render(ComposeSets.ZebradTestnet, clash));
        Assert.Contains("'zebra-testnet' and 'zebra-testnet-restore'", error.Message, StringComparison.Ordinal);

        var alias = new ComposeNodeSet("zcash-testnet-peers", NodeSets.ZcashdRegtest(ComposeSets.Provider));
        Assert.Contains("'zcash-testnet-peers'", Assert.Throws<ComposeException>(() => ComposeSets.Render(ComposeSets.ZebradTestnet, alias)).Message, StringComparison.Ordinal);
    }
}
