using System.Text.Json.Nodes;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Zcash;

/// <summary>zcashd 6.x exits at start without the deprecation acknowledgement (zcash src/bitcoind.cpp).</summary>
public class ZcashdDeprecationTests
{
    [Fact]
    public void The_ci_integration_sidecar_passes_the_flag_and_the_node_sets_config_carries_the_line()
    {
        Assert.Contains($"$zcashd_network {ZcashdDeprecation.Flag} -connect=0", CiScripts.Node, StringComparison.Ordinal);
        Assert.Empty(ZcashdDeprecation.UnacknowledgedInvocations(CiScripts.Node));
        Assert.Equal(ZcashdDeprecation.ConfigLine, ZcashdConfig.DeprecationAcknowledgement);
        Assert.Equal("-i-am-aware-zcashd-will-be-replaced-by-zebrad-and-zallet-in-2025", ZcashdDeprecation.Flag);
    }

    [Theory]
    [InlineData("exec \"$bin/zcashd\" -datadir=\"$state\" -regtest \\\n  -printtoconsole", true)]
    [InlineData("zcashd -testnet -printtoconsole &", true)]
    [InlineData("zcashd -conf=/etc/zcash/zcash.conf -datadir=/srv &", false)]
    [InlineData("zcashd -i-am-aware-zcashd-will-be-replaced-by-zebrad-and-zallet-in-2025 -regtest", false)]
    [InlineData("cp src/zcashd src/zcash-cli \"$bin/\"", false)]
    [InlineData("  zcashd) ./src/test/test_bitcoin ;;", false)]
    [InlineData("zcash-cli -conf=x getblockchaininfo", false)]
    [InlineData("restore --implementation zcashd --db-major 0", false)]
    [InlineData("set -e; zcashd -regtest", true)]
    public void Invocations_without_the_flag_or_a_config_file_are_found(string script, bool unacknowledged) =>
        Assert.Equal(unacknowledged, ZcashdDeprecation.UnacknowledgedInvocations(script).Any());

    [Fact]
    public void The_policy_finds_a_step_or_a_config_that_would_not_start()
    {
        Assert.Empty(new ZcashdAcknowledgedPolicy().Check(new PolicyContext(CiGraphs.Full(), EnvironmentTier.Production)));

        var builder = new GraphBuilder("t");
        builder.Root.Resource("kubernetes:tekton.dev/v1:Task", "task", new JsonObject
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Task",
            ["spec"] = new JsonObject
            {
                ["sidecars"] = new JsonArray(new JsonObject { ["name"] = "node", ["image"] = "i", ["script"] = CiScripts.Node.Replace(ZcashdDeprecation.Flag + " ", string.Empty, StringComparison.Ordinal) }),
            },
        });
        builder.Root.Resource("kubernetes:core/v1:ConfigMap", "conf", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["data"] = new JsonObject { ["zcash.conf"] = "regtest=1\n" },
        });
        var findings = new ZcashdAcknowledgedPolicy().Check(new PolicyContext(builder.Build(), EnvironmentTier.Development)).Select(f => $"{f.ResourcePath}: {f.Message}").ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.StartsWith("t/task: spec.sidecars[0] runs zcashd without", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("t/conf: data.zcash.conf lacks", StringComparison.Ordinal));
    }
}
