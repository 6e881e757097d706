using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.NodeSet;

public class NodeSetRenderTests
{
    public static TheoryData<string, EnvironmentTier> Sets => new()
    {
        { "zebrad-mainnet", EnvironmentTier.Production },
        { "zebrad-testnet", EnvironmentTier.Development },
        { "zcashd-regtest", EnvironmentTier.Development },
    };

    private static ResourceGraph Render(string set) => set switch
    {
        "zebrad-mainnet" => NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph,
        "zebrad-testnet" => NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet).Graph,
        "zcashd-regtest" => NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest).Graph,
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Renders_match_their_golden_files(string set, EnvironmentTier tier)
    {
        _ = tier;
        Golden.Check($"tests/ZcashInfra.Components.Tests/NodeSet/golden/{set}.json", GraphJson.Render(Render(set)));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_object_validates_against_its_schema_and_every_policy(string set, EnvironmentTier tier)
    {
        var graph = Render(set);
        Assert.Empty(TestSchemas.Validator.Validate(graph, tier).Select(f => f.ToString()));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Objects_keep_numbers_and_booleans_through_yaml_and_stay_valid(string set, EnvironmentTier tier)
    {
        _ = tier;
        var schemas = new KubernetesSchemas(TestSchemas.Folder);
        foreach (var node in Render(set).Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)))
        {
            var plain = (JsonObject)InputTree.ToPlainJson(node.Inputs)!;
            var again = (JsonObject)YamlJson.Parse(YamlJson.ToYaml(plain))!;
            Assert.Equal(plain.ToJsonString(), again.ToJsonString());
            Assert.Empty(schemas.Validate(again));
        }
    }

    [Fact]
    public void The_schema_check_would_reject_a_number_turned_into_a_string()
    {
        // Proves the validator sees real types: the same StatefulSet with "3" for 3 fails.
        var statefulSet = (JsonObject)InputTree.ToPlainJson(NodeSets.Single(Render("zebrad-mainnet"), "StatefulSet").Inputs)!;
        statefulSet["spec"]!["replicas"] = "3";
        statefulSet["spec"]!["template"]!["spec"]!["enableServiceLinks"] = "false";
        var errors = new KubernetesSchemas(TestSchemas.Folder).Validate(statefulSet);
        Assert.Contains(errors, e => e.Contains("replicas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("enableServiceLinks", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_arguments_render_the_same_bytes()
    {
        Assert.Equal(GraphJson.Render(Render("zebrad-mainnet")), GraphJson.Render(Render("zebrad-mainnet")));
    }

    [Fact]
    public void A_zebrad_version_whose_database_major_is_unknown_needs_it_given()
    {
        var e = Assert.Throws<GraphException>(() => NodeSets.Declare("z", NodeSets.ZebradTestnet, a => a with { Release = a.Release with { Version = "9.0.0" } }));
        Assert.Equal("node set 'z': dbMajor: is required: the database major version of zebrad 9.0.0 is not known to this release", e.Message);

        var (graph, _) = NodeSets.Declare("z", NodeSets.ZebradTestnet, a => a with { Release = a.Release with { Version = "9.0.0", DbMajor = 31 } });
        var restore = NodeSets.Container(graph, "restore", "initContainers");
        Assert.Contains("--db-major 31", string.Join(' ', NodeSets.Strings(restore["args"])), StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_that_cannot_work_are_refused_before_anything_is_declared()
    {
        var e = Assert.Throws<GraphException>(() => NodeSets.Declare("z", NodeSets.ZcashdRegtest, a => a with
        {
            Release = a.Release with { Network = Network.Mainnet },
            Replicas = 0,
            Snapshot = new Components.NodeSet.NodeSetSnapshot(),
        }));
        Assert.Equal(
            "node set 'z': implementation: zcashd is end-of-life on mainnet (it halts at height 3,417,100); use zebrad, or run zcashd as Zebra's compat sidecar (zcashd.compatWith); "
            + "replicas: must be ≥ 1, got 0; "
            + "snapshot: set exactly one of index or url",
            e.Message);
        Assert.Contains("zebrad has no RPC password", Assert.Throws<GraphException>(() =>
            NodeSets.Declare("z", NodeSets.ZebradTestnet, a => a with { RpcPassword = Secret.FromPlaintext("x") })).Message, StringComparison.Ordinal);

        // The settings' rules are the component's (NodeSetRules): one wording, the settings' key.
        Assert.Equal(
            "node set 'z': monitoring: is for zebrad node sets (zcashd exposes no metrics endpoint this project configures)",
            Assert.Throws<GraphException>(() => NodeSets.Declare("z", NodeSets.ZcashdRegtest, a => a with { Monitoring = true })).Message);
    }
}
