using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

public class SnapshotJobEnvironmentTests
{
    private static ResourceGraph Declare(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    /// <summary>The snapshot job's CronJobs (not other components' such as Tekton's run pruner).</summary>
    private static IEnumerable<GraphNode> CronJobs(ResourceGraph graph) =>
        graph.Resources.Where(n => n.Type == "kubernetes:batch/v1:CronJob" && n.Parent is { } p && graph[p].Type == SnapshotJobComponent.Type);

    private static JsonObject Pod(GraphNode cronJob) => cronJob.Inputs["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject();

    private static string[] Args(GraphNode cronJob, string container) =>
        [.. Pod(cronJob)["initContainers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == container)!["args"]!.AsArray().Select(a => a!.GetValue<string>())];

    [Fact]
    public void Dev_cuts_testnet_daily_from_its_own_private_snapshots_or_the_foundations_and_names_its_cron_job()
    {
        var graph = Declare("dev");
        Assert.Equal(["dev/snapshot-testnet-zebrad"], graph.Nodes.Where(n => n.Type == SnapshotJobComponent.Type).Select(n => n.Path));
        Assert.Equal("""["snapshot-testnet-zebrad"]""", graph.Outputs.Single(o => o.Name == StackOutputNames.SnapshotJobs).Value!.ToJsonString());

        var cronJob = CronJobs(graph).Single();
        Assert.Equal("30 2 * * *", cronJob.Inputs["spec"]!["schedule"]!.GetValue<string>());
        Assert.False(cronJob.Inputs["spec"]!["suspend"]!.GetValue<bool>());

        // The private dev bucket's own index first (read with the writer identity), then the Foundation's.
        var restore = Args(cronJob, "restore");
        Assert.Equal(["--index", "gs://zcash-infra-dev-zcash-snapshots-dev/testnet/snapshots.json", "--index", "https://snapshots.zfnd.org/testnet/snapshots.json", "--network"], restore[1..6]);
        Assert.Contains("http://zebra-testnet-rpc.zcash.svc.cluster.local:18232/", Args(cronJob, "target"));
        var publish = Pod(cronJob)["containers"]![0]!["command"]![2]!.GetValue<string>();
        Assert.Contains("'--to' 'gs://zcash-infra-dev-zcash-snapshots-dev' '--archive' \"$archive\" '--keep' '3'\n", publish, StringComparison.Ordinal);
        Assert.DoesNotContain("--public-base-url", publish, StringComparison.Ordinal);
        Assert.DoesNotContain("--s3-region", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_cuts_mainnet_and_testnet_six_hourly_restoring_its_public_snapshots_or_the_foundations()
    {
        var graph = Declare("prod");
        Assert.Equal(["snapshot-mainnet-zebrad", "snapshot-testnet-zebrad"], CronJobs(graph).Select(c => c.Inputs["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(CronJobs(graph), c => Assert.Equal("0 */6 * * *", c.Inputs["spec"]!["schedule"]!.GetValue<string>()));

        var mainnet = CronJobs(graph).First();
        Assert.Equal(
            ["--index", "https://zcash-infra-prod-snapshots.s3.us-east-1.amazonaws.com/mainnet/snapshots.json", "--index", "https://snapshots.zfnd.org/mainnet/snapshots.json"],
            Args(mainnet, "restore")[1..5]);
        // The mainnet cut keeps volume snapshots: the publish is the last init container, and the
        // run may take an hour more for the snapshot to become ready.
        var publish = Pod(mainnet)["initContainers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "publish")!["command"]![2]!.GetValue<string>();
        Assert.Contains("'--keep' '10' '--public-base-url' 'https://zcash-infra-prod-snapshots.s3.us-east-1.amazonaws.com/' '--s3-region' 'us-east-1'", publish, StringComparison.Ordinal);
        Assert.Equal(5 * 3600, mainnet.Inputs["spec"]!["jobTemplate"]!["spec"]!["activeDeadlineSeconds"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Jobs_wait_for_the_namespace_and_the_writer_and_only_they_run_as_the_writer(string stack)
    {
        var graph = Declare(stack);
        var writer = graph.Resources.Single(n => n.Type == "kubernetes:core/v1:ServiceAccount" && n.Inputs["metadata"]!["name"]!.GetValue<string>() == SnapshotIdentities.WriterServiceAccount);
        Assert.All(CronJobs(graph), c => Assert.Contains(writer.Path, c.Options.DependsOn));
        Assert.All(CronJobs(graph), c => Assert.Contains($"{stack}/namespace-zcash", c.Options.DependsOn));
        Assert.All(CronJobs(graph), c => Assert.Equal(SnapshotIdentities.WriterServiceAccount, Pod(c)["serviceAccountName"]!.GetValue<string>()));
        Assert.DoesNotContain(graph.Resources.Where(n => n.Type == "kubernetes:apps/v1:StatefulSet"),
            s => s.Inputs["spec"]!["template"]!["spec"]!["serviceAccountName"]?.GetValue<string>() == SnapshotIdentities.WriterServiceAccount);
    }

    [Fact]
    public void A_disabled_schedule_keeps_its_cuts_as_suspended_cron_jobs_for_runs_by_hand()
    {
        var settings = StackYaml.WithBase(
            "  zcash-infra:nodeSets:\n    - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true, image: registry.example/zebra, imageDigest: 'sha256:0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62'}\n"
            + "  zcash-infra:snapshotSchedule:\n    enabled: false\n    cuts: [{network: testnet, target: {height: 3000000}, storage: {size: 200Gi, storageClass: premium-rwo}, deadlineHours: 3}]\n").GetOrThrow();
        var graph = ZcashEnvironment.Declare("lab", settings);
        var cronJob = CronJobs(graph).Single();
        Assert.True(cronJob.Inputs["spec"]!["suspend"]!.GetValue<bool>());
        Assert.Equal(3 * 3600, cronJob.Inputs["spec"]!["jobTemplate"]!["spec"]!["activeDeadlineSeconds"]!.GetValue<long>());
        var pod = Pod(cronJob);
        Assert.Equal("registry.example/zebra:6.3.0@sha256:0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62",
            pod["initContainers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "node")!["image"]!.GetValue<string>());
        Assert.Equal("3000000", pod["initContainers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "target")!["env"]![0]!["value"]!.GetValue<string>());
        var scratch = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "scratch")!["ephemeral"]!["volumeClaimTemplate"]!["spec"]!;
        Assert.Equal("200Gi", scratch["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Equal("premium-rwo", scratch["storageClassName"]!.GetValue<string>());
    }

    [Fact]
    public void A_cut_that_opts_into_ipfs_publishes_there_after_the_bucket_with_its_index_under_the_bucket()
    {
        var settings = StackYaml.WithBase(
            "  zcash-infra:nodeSets:\n    - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true}\n"
            + "  zcash-infra:snapshotSchedule:\n    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo.ipfs.svc.cluster.local:5001', pinService: 'https://pin.example/psa', pinToken: {name: ipfs-pinning, key: token}}}]\n").GetOrThrow();
        var graph = ZcashEnvironment.Declare("lab", settings);
        var pod = Pod(CronJobs(graph).Single());
        var script = pod["containers"]![0]!["command"]![2]!.GetValue<string>().Split('\n');
        var publishes = script.Where(l => l.Contains("'publish'", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, publishes.Count);
        Assert.Contains("'--to' 'gs://zcash-infra-test-zcash-snapshots-lab' ", publishes[0], StringComparison.Ordinal);
        Assert.Contains("'--to' 'ipfs+http://kubo.ipfs.svc.cluster.local:5001' '--index-to' 'gs://zcash-infra-test-zcash-snapshots-lab/ipfs' ", publishes[1], StringComparison.Ordinal);
        Assert.Contains("'--pin-token-file' '/etc/ipfs-pinning/token'", publishes[1], StringComparison.Ordinal);
        Assert.Contains(pod["volumes"]!.AsArray(), v => v!["secret"]?["secretName"]?.GetValue<string>() == "ipfs-pinning");

        // The checked-in stacks do not opt in.
        foreach (var stack in new[] { "dev", "prod" })
        {
            Assert.All(CronJobs(Declare(stack)), c => Assert.DoesNotContain("ipfs+", Pod(c)["containers"]![0]!["command"]![2]!.GetValue<string>(), StringComparison.Ordinal));
        }
    }
}
