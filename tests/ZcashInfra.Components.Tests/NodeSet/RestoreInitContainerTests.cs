using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Zcash;
using ZcashInfra.SnapshotAgent.Cli;

namespace ZcashInfra.Components.Tests.NodeSet;

public class RestoreInitContainerTests
{
    private static string[] RestoreArgs(ResourceGraph graph) =>
        NodeSets.Strings(NodeSets.Container(graph, "restore", "initContainers")["args"]);

    [Fact]
    public void The_zebrad_restore_command_line_is_accepted_by_the_agent_and_carries_the_snapshot_source()
    {
        var (graph, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var args = RestoreArgs(graph);
        Assert.Empty(AgentCli.Parse(args));
        Assert.Equal(
            ["restore", "--index", "https://snapshots.zfnd.org/mainnet/snapshots.json", "--sha256", NodeSets.Sha256,
             "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", "--target", NodeImages.ZebraCacheDir],
            args);
        Assert.DoesNotContain("--replace", args);

        var restore = NodeSets.Container(graph, "restore", "initContainers");
        Assert.Equal(SnapshotAgentImage.Default, restore["image"]!.GetValue<string>());
        Assert.Null(restore["command"]);
        Assert.Contains(restore["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == NodeImages.ZebraCacheDir);
    }

    [Fact]
    public void An_ipfs_index_keeps_the_cids_case_and_passes_the_gateways_in_order_to_the_agent()
    {
        const string Index = "ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/testnet/snapshots.json";
        var (graph, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, a => a with
        {
            Snapshot = new NodeSetSnapshot { Index = new Uri(Index), IpfsGateways = [new Uri("http://kubo.ipfs:8080/"), new Uri("https://ipfs.io/")] },
        });
        var args = RestoreArgs(graph);

        // The agent's own parser checks the CID (a lower-cased CIDv0 is not base58 of a multihash).
        Assert.Empty(AgentCli.Parse(args));
        Assert.Equal(["--index", Index], args[1..3]);
        Assert.Equal(["--ipfs-gateway", "http://kubo.ipfs:8080/", "--ipfs-gateway", "https://ipfs.io/"], args[3..7]);
    }

    [Fact]
    public void A_direct_archive_url_and_a_custom_agent_image_are_used_as_given()
    {
        var (graph, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, a => a with
        {
            Snapshot = new NodeSetSnapshot { Url = new Uri("https://snapshots.example.org/testnet/zebra-3000000.tar.zst") },
            AgentImage = "registry.example/agent@sha256:" + NodeSets.Sha256,
        });
        var args = RestoreArgs(graph);
        Assert.Empty(AgentCli.Parse(args));
        Assert.Equal(["--url", "https://snapshots.example.org/testnet/zebra-3000000.tar.zst"], args[1..3]);
        Assert.DoesNotContain("--sha256", args);
        Assert.Equal("registry.example/agent@sha256:" + NodeSets.Sha256, NodeSets.Container(graph, "restore", "initContainers")["image"]!.GetValue<string>());
    }

    [Fact]
    public void The_zcashd_restore_targets_the_network_data_dir_and_declares_its_index_flags()
    {
        var (graph, _) = NodeSets.Declare("zcashd-testnet", NodeSets.ZcashdRegtest, a => a with
        {
            Release = a.Release with { Network = Network.Testnet, Zcashd = new ZcashdOptions { TxIndex = true, InsightExplorer = true, Lightwalletd = true } },
            Snapshot = new NodeSetSnapshot { Url = new Uri("https://snapshots.example.org/testnet/zcashd.tar.zst") },
        });
        var args = RestoreArgs(graph);
        Assert.Empty(AgentCli.Parse(args));
        var line = string.Join(' ', args);
        Assert.Contains("--implementation zcashd --db-major 1 --target /srv/zcashd/.zcash/testnet3 --txindex --insightexplorer --lightwalletd", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_network_and_implementation_renders_a_command_line_the_agent_accepts()
    {
        var snapshot = new NodeSetSnapshot { Index = new Uri("https://example.org/n/snapshots.json"), Sha256 = NodeSets.Sha256.ToUpperInvariant() };
        foreach (var network in Enum.GetValues<Network>())
        {
            foreach (var implementation in Enum.GetValues<NodeImplementation>())
            {
                var args = RestoreCommand.Arguments(snapshot, network, implementation, 28, new ZcashdOptions { TxIndex = true });
                Assert.Empty(AgentCli.Parse([.. args]));
                Assert.Contains(NodeSets.Sha256, args);
            }
        }
    }

    [Theory]
    [InlineData("https://snapshots.example.org/testnet/snapshots.json")]
    [InlineData("gs://zcash-infra-dev-zcash-snapshots-dev/testnet/snapshots.json")]
    [InlineData("s3://zcash-infra-prod-snapshots/testnet/snapshots.json")]
    public void A_pinned_height_from_any_index_the_agent_reads_is_passed_on(string index)
    {
        var args = RestoreCommand.Arguments(
            new NodeSetSnapshot { Index = new Uri(index), Height = 3_100_000 }, Network.Testnet, NodeImplementation.Zebrad, 28, new ZcashdOptions());
        Assert.Empty(AgentCli.Parse([.. args]));
        Assert.Contains("--index " + index + " --height 3100000", string.Join(' ', args), StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_parser_does_reject_a_broken_command_line()
    {
        // The acceptance above means something only if the parser would say no.
        Assert.NotEmpty(AgentCli.Parse(["restore", "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", "--target", "/x"]));
        Assert.NotEmpty(AgentCli.Parse(["restore", "--index", "https://x/s.json", "--network", "mainnet", "--implementation", "zebra", "--db-major", "28", "--target", "/x"]));
    }

    [Fact]
    public void Without_a_snapshot_there_is_no_restore_step()
    {
        var (graph, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, a => a with { Snapshot = null });
        Assert.Null(NodeSets.PodSpec(graph)["initContainers"]);
    }
}
