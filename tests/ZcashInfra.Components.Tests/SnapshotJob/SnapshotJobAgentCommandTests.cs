using System.Text.Json;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;
using ZcashInfra.SnapshotAgent.Cli;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.SnapshotJob;

/// <summary>
/// Every command line a snapshot job runs through the agent, parsed with the agent's own parser,
/// so a renamed or removed flag fails here and not in a pod at 02:30.
/// </summary>
public class SnapshotJobAgentCommandTests
{
    private static readonly Dictionary<string, string> PodValues = new(StringComparer.Ordinal)
    {
        ["height"] = "3699000",
        ["archive"] = "/home/zebra/.cache/zebra/snapshot-out/zebrad-testnet-v28-h3699000.tar.zst",
        ["claim"] = "snapshot-mainnet-zebrad-29000000-x7k2p-scratch",
        ["snapshot"] = "zebrad-mainnet-v28-h3699000-x7k2p",
        ["height_label"] = "zcash.height=3699000",
    };

    /// <summary>Every agent invocation in a job: init containers' args, and the agent lines of shell scripts.</summary>
    private static List<(string Container, string[] Args)> AgentCommandLines(ResourceGraph graph)
    {
        var found = new List<(string, string[])>();
        var pod = SnapshotJobs.PodSpec(graph);
        foreach (var container in pod["initContainers"]!.AsArray().Concat(pod["containers"]!.AsArray()))
        {
            var name = container!["name"]!.GetValue<string>();
            if (container["image"]!.GetValue<string>() != SnapshotAgentImage.Default)
            {
                continue;
            }

            if (container["args"] is { } args)
            {
                Assert.Null(container["command"]);
                found.Add((name, SnapshotJobs.Strings(args)));
                continue;
            }

            var entrypoint = string.Join(' ', SnapshotAgentImage.Entrypoint.Select(ShellWords.Quote));
            foreach (var line in SnapshotJobs.Script(graph, name).Split('\n'))
            {
                var call = line.StartsWith("exec ", StringComparison.Ordinal) ? line[5..] : line;
                if (call.StartsWith(entrypoint + " ", StringComparison.Ordinal))
                {
                    found.Add((name, [.. SnapshotJobs.Words(call[(entrypoint.Length + 1)..], PodValues)]));
                }
            }
        }

        return found;
    }

    [Theory]
    [InlineData("zebrad-testnet")]
    [InlineData("zebrad-mainnet")]
    [InlineData("zcashd-testnet")]
    [InlineData("zebrad-testnet-ipfs")]
    public void Every_agent_command_line_is_accepted_by_the_agents_own_parser(string job)
    {
        var graph = job switch
        {
            "zebrad-testnet" => SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet).Graph,
            "zebrad-mainnet" => SnapshotJobs.Declare("snapshot-mainnet-zebrad", SnapshotJobs.ZebradMainnet).Graph,
            "zebrad-testnet-ipfs" => SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnetIpfs).Graph,
            _ => SnapshotJobs.Declare("snapshot-testnet-zcashd", SnapshotJobs.ZcashdTestnet).Graph,
        };
        var lines = AgentCommandLines(graph);
        string[] expected = job.EndsWith("-ipfs", StringComparison.Ordinal)
            ? ["restore-newest", "target-height", "create", "publish", "publish"]
            : ["restore-newest", "target-height", "create", "publish"];
        Assert.Equal(expected, lines.Select(l => l.Args[0]));
        Assert.All(lines, l => Assert.True(AgentCli.Parse(l.Args).Count == 0, $"{l.Container}: {string.Join(' ', l.Args)}\n{string.Join('\n', AgentCli.Parse(l.Args))}"));
    }

    [Fact]
    public void With_volume_snapshots_the_last_step_is_a_volume_snapshot_call_the_agents_own_parser_accepts()
    {
        var lines = AgentCommandLines(VolumeSnapshots.VolumeSnapshotGraphs.Declare().Graph);
        Assert.Equal(["restore-newest", "target-height", "create", "publish", "volume-snapshot"], lines.Select(l => l.Args[0]));
        Assert.All(lines, l => Assert.True(AgentCli.Parse(l.Args).Count == 0, $"{l.Container}: {string.Join(' ', l.Args)}\n{string.Join('\n', AgentCli.Parse(l.Args))}"));

        // A renamed flag is caught: the same line with one option misspelt does not parse.
        var call = lines[^1].Args;
        var misspelt = call.Select(a => a == "--series" ? "--serie" : a).ToArray();
        Assert.NotEmpty(AgentCli.Parse(misspelt));
    }

    [Fact]
    public void The_mainnet_job_restores_ours_or_the_foundations_and_publishes_publicly_to_its_region()
    {
        var lines = AgentCommandLines(SnapshotJobs.Declare("snapshot-mainnet-zebrad", SnapshotJobs.ZebradMainnet).Graph).ToDictionary(l => l.Args[0], l => l.Args);
        Assert.Equal(
            ["restore-newest", "--index", SnapshotJobs.ProdPublic + "mainnet/snapshots.json", "--index", "https://snapshots.zfnd.org/mainnet/snapshots.json",
             "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28", "--target", "/home/zebra/.cache/zebra"],
            lines["restore-newest"]);
        Assert.Equal(
            ["target-height", "--output", "/run/snapshot-job/target-height", "--height", "$(TARGET_HEIGHT)",
             "--rpc-url", "http://zebra-mainnet-rpc.zcash.svc.cluster.local:8232/", "--behind-tip", "1000",
             "--fallback-index", SnapshotJobs.ProdPublic + "mainnet/snapshots.json", "--fallback-index", "https://snapshots.zfnd.org/mainnet/snapshots.json",
             "--fallback-ahead", "144", "--state", "/home/zebra/.cache/zebra"],
            lines["target-height"]);
        Assert.Equal(
            ["create", "--source", "/home/zebra/.cache/zebra", "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28",
             "--height", "3699000", "--output", PodValues["archive"], "--zebrad-version", "6.3.0"],
            lines["create"]);
        Assert.Equal(
            ["publish", "--to", SnapshotJobs.ProdBucket, "--archive", PodValues["archive"], "--keep", "10", "--public-base-url", SnapshotJobs.ProdPublic, "--s3-region", "us-east-1"],
            lines["publish"]);
    }

    [Fact]
    public void The_pack_script_takes_the_confirmed_height_and_names_the_archive_after_it()
    {
        var script = SnapshotJobs.Script(SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet).Graph, "publish");
        Assert.StartsWith("set -eu\nheight=\"$(cat /run/snapshot-job/state-height)\"\narchive=\"/home/zebra/.cache/zebra/snapshot-out/zebrad-testnet-v28-h${height}.tar.zst\"\n", script, StringComparison.Ordinal);
        Assert.Contains("\nexec 'dotnet' '/app/zcash-snapshot-agent.dll' 'publish' ", script, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ipfs_cut_publishes_to_the_bucket_first_then_to_kubo_with_its_own_index_and_secret_files()
    {
        var graph = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnetIpfs).Graph;
        var publishes = AgentCommandLines(graph).Where(l => l.Args[0] == "publish").Select(l => l.Args).ToList();
        Assert.Equal(2, publishes.Count);
        Assert.Equal(SnapshotJobs.DevBucket, publishes[0][2]);
        Assert.Equal(
            ["publish", "--to", "ipfs+http://kubo.ipfs.svc.cluster.local:5001", "--index-to", SnapshotJobs.DevBucket + "/ipfs", "--archive", PodValues["archive"], "--keep", "3",
             "--ipfs-api-auth-file", "/etc/ipfs-api/authorization", "--pin-service", "https://pinning.example/psa", "--pin-token-file", "/etc/ipfs-pinning/token"],
            publishes[1]);

        // The bucket's publish runs to completion first (set -e stops the script if it fails); the IPFS one replaces the shell.
        var script = SnapshotJobs.Script(graph, "publish").Split('\n');
        Assert.DoesNotContain(script, l => l.StartsWith("exec ", StringComparison.Ordinal) && l.Contains(SnapshotJobs.DevBucket + "'", StringComparison.Ordinal));
        Assert.Single(script, l => l.StartsWith("exec ", StringComparison.Ordinal) && l.Contains("'ipfs+http://", StringComparison.Ordinal));
    }

    [Fact]
    public void The_zcashd_cut_passes_its_index_flags_to_restore_and_create()
    {
        var lines = AgentCommandLines(SnapshotJobs.Declare("snapshot-testnet-zcashd", SnapshotJobs.ZcashdTestnet).Graph).ToDictionary(l => l.Args[0], l => l.Args);
        Assert.Equal(["--target", "/srv/zcashd/.zcash/testnet3", "--txindex"], lines["restore-newest"][^3..]);
        Assert.Contains("--txindex", lines["create"]);
        Assert.DoesNotContain("--zebrad-version", lines["create"]);
        Assert.Equal(["--source", "/srv/zcashd/.zcash/testnet3"], lines["create"][1..3]);
    }

    [Fact]
    public void A_renamed_flag_would_fail_this_check()
    {
        var lines = AgentCommandLines(SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet).Graph);
        foreach (var (container, args) in lines)
        {
            var broken = args.Select(a => a == "--db-major" || a == "--behind-tip" || a == "--archive" || a == "--output" ? a + "-x" : a).ToArray();
            Assert.True(AgentCli.Parse(broken).Count > 0, $"{container}: the parser accepted {string.Join(' ', broken)}");
        }
    }

    [Theory]
    [InlineData("gs://zcash-infra-dev-zcash-snapshots-dev/testnet/snapshots.json", null)]
    [InlineData("s3://zcash-infra-prod-snapshots/mainnet/snapshots.json", "us-east-1")]
    public void A_private_buckets_own_index_is_restored_from_directly(string index, string? region)
    {
        var args = SnapshotJobSteps.Restore(
            [new Uri(index), new Uri("https://snapshots.zfnd.org/testnet/snapshots.json")], Network.Testnet, NodeImplementation.Zebrad, 28, new ZcashdOptions(), region);
        Assert.Empty(AgentCli.Parse([.. args]));
        Assert.Equal(region is not null, args.Contains("--s3-region"));
        Assert.Equal(index, args[args.ToList().IndexOf("--index") + 1]);
    }

    [Fact]
    public void The_shell_entrypoint_is_the_images_own()
    {
        var dockerfile = File.ReadAllLines(RepoPaths.At("tools", "ZcashInfra.SnapshotAgent", "Dockerfile"));
        var entrypoint = dockerfile.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))["ENTRYPOINT ".Length..];
        Assert.Equal(SnapshotAgentImage.Entrypoint, JsonSerializer.Deserialize<string[]>(entrypoint));
    }

    [Fact]
    public void Shell_words_round_trip_through_the_scripts_quoting()
    {
        string[] words = ["a b", "it's", "$height", "$(TARGET_HEIGHT)", "--x=\"y\""];
        Assert.Equal(["a b", "it's", "3699000", "$(TARGET_HEIGHT)", "--x=\"y\""], SnapshotJobs.Words(ShellWords.Join(words), PodValues));
        Assert.Equal("'$(TARGET_HEIGHT)'", ShellWords.Quote("$(TARGET_HEIGHT)"));
    }
}
