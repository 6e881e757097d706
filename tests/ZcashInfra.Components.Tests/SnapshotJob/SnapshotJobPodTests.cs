using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Tests.Support;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.SnapshotJob;

[Collection(ChildProcessCollection.Name)]
public class SnapshotJobPodTests
{
    [Fact]
    public void The_steps_run_in_order_restore_target_node_check_then_publish()
    {
        var (graph, outputs) = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet);
        var pod = SnapshotJobs.PodSpec(graph);
        Assert.Equal(["restore", "target", "node", "check"], SnapshotJobs.Names(pod["initContainers"]));
        Assert.Equal(["publish"], SnapshotJobs.Names(pod["containers"]));
        Assert.Equal("snapshot-testnet-zebrad", outputs.CronJobName);
        Assert.Equal("Never", pod["restartPolicy"]!.GetValue<string>());

        Assert.Equal(SnapshotAgentImage.Default, SnapshotJobs.Container(graph, "restore")["image"]!.GetValue<string>());
        Assert.Equal(SnapshotAgentImage.Default, SnapshotJobs.Container(graph, "publish")["image"]!.GetValue<string>());
        Assert.Equal("zfnd/zebra:6.3.0", SnapshotJobs.Container(graph, "node")["image"]!.GetValue<string>());
        Assert.Equal("zfnd/zebra:6.3.0", SnapshotJobs.Container(graph, "check")["image"]!.GetValue<string>());
    }

    [Fact]
    public void The_cron_job_runs_one_cut_at_a_time_within_a_deadline_and_keeps_a_short_history()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-mainnet-zebrad", SnapshotJobs.ZebradMainnet);
        var spec = SnapshotJobs.CronJobSpec(graph);
        Assert.Equal("0 */6 * * *", spec["schedule"]!.GetValue<string>());
        Assert.Equal("Etc/UTC", spec["timeZone"]!.GetValue<string>());
        Assert.Equal("Forbid", spec["concurrencyPolicy"]!.GetValue<string>());
        Assert.Equal(600, spec["startingDeadlineSeconds"]!.GetValue<long>());
        Assert.False(spec["suspend"]!.GetValue<bool>());
        Assert.Equal(3, spec["successfulJobsHistoryLimit"]!.GetValue<int>());
        Assert.Equal(3, spec["failedJobsHistoryLimit"]!.GetValue<int>());
        var job = spec["jobTemplate"]!["spec"]!;
        Assert.Equal(4 * 3600, job["activeDeadlineSeconds"]!.GetValue<long>());
        Assert.Equal(1, job["backoffLimit"]!.GetValue<int>());
        Assert.Equal(3 * 86400, job["ttlSecondsAfterFinished"]!.GetValue<long>());

        var testnet = SnapshotJobs.CronJobSpec(SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with { Suspend = true }).Graph);
        Assert.Equal(2 * 3600, testnet["jobTemplate"]!["spec"]!["activeDeadlineSeconds"]!.GetValue<long>());
        Assert.True(testnet["suspend"]!.GetValue<bool>());
    }

    [Fact]
    public void Pods_run_as_the_writer_on_the_nodes_pool_with_the_restricted_profile_of_the_node_image()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet);
        var pod = SnapshotJobs.PodSpec(graph);
        Assert.Equal(SnapshotIdentities.WriterServiceAccount, pod["serviceAccountName"]!.GetValue<string>());
        Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.False(pod["enableServiceLinks"]!.GetValue<bool>());
        Assert.Equal(PoolPlacement.NodeSelector(PoolRole.Nodes).ToJsonString(), pod["nodeSelector"]!.ToJsonString());
        Assert.Equal(PoolPlacement.Tolerations(PoolRole.Nodes).ToJsonString(), pod["tolerations"]!.ToJsonString());
        Assert.DoesNotContain(PoolPlacement.RoleValue(PoolRole.Ci), pod["tolerations"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(10001, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        foreach (var name in new[] { "restore", "target", "node", "check", "publish" })
        {
            var security = SnapshotJobs.Container(graph, name)["securityContext"]!;
            Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
            Assert.Equal(["ALL"], SnapshotJobs.Strings(security["capabilities"]!["drop"]));
        }

        var zcashd = SnapshotJobs.PodSpec(SnapshotJobs.Declare("z", SnapshotJobs.ZcashdTestnet).Graph);
        Assert.Equal(2001, zcashd["securityContext"]!["runAsUser"]!.GetValue<long>());
    }

    [Fact]
    public void The_state_lives_on_a_fresh_ephemeral_volume_sized_for_the_network_never_a_serving_nodes_claim()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-mainnet-zebrad", SnapshotJobs.ZebradMainnet);
        var scratch = SnapshotJobs.PodSpec(graph)["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "scratch")!;
        var claim = scratch["ephemeral"]!["volumeClaimTemplate"]!["spec"]!;
        Assert.Equal("800Gi", claim["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Equal("gp3", claim["storageClassName"]!.GetValue<string>());
        Assert.DoesNotContain(SnapshotJobs.PodSpec(graph)["volumes"]!.AsArray(), v => v!["persistentVolumeClaim"] is not null);
        foreach (var name in new[] { "restore", "node", "check", "publish" })
        {
            Assert.Contains(SnapshotJobs.Container(graph, name)["volumeMounts"]!.AsArray(),
                m => m!["name"]!.GetValue<string>() == "scratch" && m["mountPath"]!.GetValue<string>() == NodeImages.ZebraCacheDir);
        }

        var testnet = SnapshotJobs.PodSpec(SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet).Graph)["volumes"]!.AsArray()
            .Single(v => v!["name"]!.GetValue<string>() == "scratch")!;
        Assert.Equal("100Gi", testnet["ephemeral"]!["volumeClaimTemplate"]!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Null(testnet["ephemeral"]!["volumeClaimTemplate"]!["spec"]!["storageClassName"]);
    }

    [Fact]
    public void Pods_may_read_the_serving_sets_rpc_but_are_never_selected_as_serving_nodes_or_peers()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet);
        var labels = SnapshotJobs.CronJobSpec(graph)["jobTemplate"]!["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal("true", labels[NodeLabels.RpcClient("zebra-testnet")]!.GetValue<string>());
        Assert.Equal("snapshot-job", labels[RecommendedLabels.Component]!.GetValue<string>());
        Assert.Null(labels[NodeLabels.PeerGroupKey]);
        Assert.NotEqual(NodeLabels.NodeComponent, labels[RecommendedLabels.Component]!.GetValue<string>());

        var policy = SnapshotJobs.Single(graph, "NetworkPolicy").Inputs["spec"]!;
        Assert.Equal(["Ingress"], SnapshotJobs.Strings(policy["policyTypes"]));
        Assert.Null(policy["ingress"]);
        Assert.True(policy["podSelector"]!["matchLabels"]!.AsObject().All(kv => labels[kv.Key]!.GetValue<string>() == kv.Value!.GetValue<string>()));

        var fixedHeight = SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with { Target = new SnapshotJobTarget { Height = 3_000_000 }, MaxAge = null });
        var fixedLabels = SnapshotJobs.CronJobSpec(fixedHeight.Graph)["jobTemplate"]!["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Null(fixedLabels[NodeLabels.RpcClient("zebra-testnet")]);
    }

    [Fact]
    public void The_node_config_comes_from_the_node_sets_renderer_with_cluster_and_public_peers_and_serves_nothing()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet);
        var toml = SnapshotJobs.Single(graph, "ConfigMap").Inputs["data"]![NodeImages.ZebraConfigFile]!.GetValue<string>();
        Assert.StartsWith("# zebrad.toml for snapshot job snapshot-testnet-zebrad,", toml, StringComparison.Ordinal);
        Assert.Contains("network = \"Testnet\"", toml, StringComparison.Ordinal);
        Assert.Contains($"cache_dir = \"{NodeImages.ZebraCacheDir}\"", toml, StringComparison.Ordinal);
        Assert.Contains("\"zcash-testnet-peers.zcash.svc.cluster.local:18233\"", toml, StringComparison.Ordinal);
        Assert.Contains("\"testnet.seeder.zfnd.org:18233\"", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("[rpc]", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("[metrics]", toml, StringComparison.Ordinal);

        // The stop height is only known in the pod: zebrad's own environment override of [state].
        var run = SnapshotJobs.Script(graph, "node");
        Assert.Contains("ZEBRA_STATE__DEBUG_STOP_AT_HEIGHT=\"$(cat /run/snapshot-job/target-height)\"", run, StringComparison.Ordinal);
        Assert.EndsWith("exec zebrad -c /etc/zebrad/zebrad.toml\n", run, StringComparison.Ordinal);

        var check = SnapshotJobs.Script(graph, "check");
        Assert.Contains($"zebrad tip-height --cache-dir {NodeImages.ZebraCacheDir} --network Testnet", check, StringComparison.Ordinal);
        Assert.Contains("[ \"$tip\" -lt \"$target\" ]", check, StringComparison.Ordinal);
        Assert.Contains("> /run/snapshot-job/state-height", check, StringComparison.Ordinal);

        var withoutGroup = SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with { PeerGroup = null }).Graph;
        Assert.DoesNotContain("peers.zcash.svc", SnapshotJobs.Single(withoutGroup, "ConfigMap").Inputs["data"]![NodeImages.ZebraConfigFile]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zcashd_cut_stops_over_rpc_at_the_height_and_records_it_without_a_separate_check()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-testnet-zcashd", SnapshotJobs.ZcashdTestnet);
        Assert.Equal(["restore", "target", "node"], SnapshotJobs.Names(SnapshotJobs.PodSpec(graph)["initContainers"]));
        var conf = SnapshotJobs.Single(graph, "ConfigMap").Inputs["data"]![NodeImages.ZcashdConfigFile]!.GetValue<string>();
        Assert.Contains("testnet=1\n", conf, StringComparison.Ordinal);
        Assert.Contains("txindex=1\n", conf, StringComparison.Ordinal);
        Assert.Contains("addnode=zcash-testnet-peers.zcash.svc.cluster.local:18233\n", conf, StringComparison.Ordinal);
        Assert.DoesNotContain("rpcbind", conf, StringComparison.Ordinal);

        var run = SnapshotJobs.Script(graph, "node");
        Assert.Contains("getblockchaininfo", run, StringComparison.Ordinal);
        Assert.Contains("[ \"$blocks\" -ge \"$target\" ]", run, StringComparison.Ordinal);
        Assert.Contains("stop\n", run, StringComparison.Ordinal);
        Assert.Contains("wait \"$node\" || status=$?", run, StringComparison.Ordinal);
        Assert.Contains("if [ \"$status\" -ne 0 ]", run, StringComparison.Ordinal);
        Assert.Equal("electriccoinco/zcashd:v6.20.0", SnapshotJobs.Container(graph, "node")["image"]!.GetValue<string>());
    }

    [Fact]
    public void The_target_comes_from_TARGET_HEIGHT_when_set_else_from_the_serving_node()
    {
        var (graph, _) = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet);
        var target = SnapshotJobs.Container(graph, "target");
        var env = target["env"]!.AsArray().Single()!;
        Assert.Equal("TARGET_HEIGHT", env["name"]!.GetValue<string>());
        Assert.Equal(string.Empty, env["value"]!.GetValue<string>());
        var args = SnapshotJobs.Strings(target["args"]);
        Assert.Equal(["--height", "$(TARGET_HEIGHT)"], args[3..5]);
        Assert.Equal(["--rpc-url", "http://zebra-testnet-rpc.zcash.svc.cluster.local:18232/", "--behind-tip", "1000"], args[5..9]);

        var (fixedGraph, _) = SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with { Target = new SnapshotJobTarget { Height = 3_000_000 }, MaxAge = null });
        var fixedTarget = SnapshotJobs.Container(fixedGraph, "target");
        Assert.Equal("3000000", fixedTarget["env"]![0]!["value"]!.GetValue<string>());
        Assert.DoesNotContain("--rpc-url", SnapshotJobs.Strings(fixedTarget["args"]));
    }

    [Fact]
    public void Arguments_that_cannot_work_are_refused_with_every_reason()
    {
        var e = Assert.Throws<GraphException>(() => SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with
        {
            Release = a.Release with { Network = Network.Regtest },
            RestoreIndexes = [],
            Target = new SnapshotJobTarget { BlocksBehindTip = 10 },
            Schedule = "0 25 * * *",
        }));
        Assert.Equal(
            "snapshot job 's': regtest is a private chain that starts empty; it has no snapshots; "
            + "RestoreIndexes needs at least one snapshots.json (the stack's own, or a bootstrap such as the Foundation's); "
            + "without a fixed Target.Height, Target.TipNodeSet and Target.TipRpcEndpoint name the serving node whose tip is read; "
            + "Target.BlocksBehindTip must be ≥ 1000 for zebrad (it finalizes a block only that many blocks later), got 10; "
            + "schedule '0 25 * * *': hour: '25' is outside 0–23",
            e.Message);

        Assert.Contains("zcashd is end-of-life on mainnet", Assert.Throws<GraphException>(() =>
            SnapshotJobs.Declare("s", SnapshotJobs.ZcashdTestnet, a => a with { Release = a.Release with { Network = Network.Mainnet } })).Message, StringComparison.Ordinal);
        Assert.Contains("Forbid would skip", Assert.Throws<GraphException>(() =>
            SnapshotJobs.Declare("s", SnapshotJobs.ZebradMainnet, a => a with { Schedule = "0 * * * *", MaxAge = null })).Message, StringComparison.Ordinal);
        Assert.Contains("cannot keep snapshots within 24 h of the tip", Assert.Throws<GraphException>(() =>
            SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with { MaxAge = TimeSpan.FromHours(24) })).Message, StringComparison.Ordinal);

        // Mainnet's 25 s blocks: 1000 blocks are 6.94 h, so a 6-hourly cut with a 4 h deadline is at worst 17.11 h old.
        Assert.Contains("cannot keep snapshots within 17 h of the tip: at worst 17.11 h = 1000 blocks behind the tip (6.94 h at 25 s)", Assert.Throws<GraphException>(() =>
            SnapshotJobs.Declare("s", SnapshotJobs.ZebradMainnet, a => a with { MaxAge = TimeSpan.FromHours(17) })).Message, StringComparison.Ordinal);
        Assert.Contains("a fixed Target.Height cannot keep snapshots fresh", Assert.Throws<GraphException>(() =>
            SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnet, a => a with { Target = new SnapshotJobTarget { Height = 5 } })).Message, StringComparison.Ordinal);
        Assert.Contains("at most 52 characters", Assert.Throws<GraphException>(() =>
            SnapshotJobs.Declare(new string('s', 53), SnapshotJobs.ZebradTestnet)).Message, StringComparison.Ordinal);
    }
}

public class SnapshotJobScriptSyntaxTests
{
    [Theory]
    [InlineData("zebrad-testnet", "node")]
    [InlineData("zebrad-testnet", "check")]
    [InlineData("zebrad-testnet", "publish")]
    [InlineData("zcashd-testnet", "node")]
    [InlineData("zcashd-testnet", "publish")]
    [InlineData("zebrad-testnet-ipfs", "publish")]
    public void Every_shell_step_is_valid_posix_sh(string job, string container)
    {
        var graph = job switch
        {
            "zcashd-testnet" => SnapshotJobs.Declare("snapshot-testnet-zcashd", SnapshotJobs.ZcashdTestnet).Graph,
            "zebrad-testnet-ipfs" => SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnetIpfs).Graph,
            _ => SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet).Graph,
        };
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true };
        foreach (var argument in new[] { "-n", "-c", SnapshotJobs.Script(graph, container) })
        {
            start.ArgumentList.Add(argument);
        }

        using var sh = System.Diagnostics.Process.Start(start)!;
        var error = sh.StandardError.ReadToEnd();
        sh.WaitForExit();
        Assert.True(sh.ExitCode == 0, $"{job}/{container}: {error}");
    }
}
