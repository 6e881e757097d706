using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.SnapshotJob;

public class SnapshotJobRenderTests
{
    public static TheoryData<string, EnvironmentTier> Jobs => new()
    {
        { "zebrad-testnet", EnvironmentTier.Development },
        { "zebrad-mainnet", EnvironmentTier.Production },
        { "zcashd-testnet", EnvironmentTier.Development },
        { "zebrad-testnet-ipfs", EnvironmentTier.Development },
    };

    private static ResourceGraph Render(string job) => job switch
    {
        "zebrad-testnet" => SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet).Graph,
        "zebrad-mainnet" => SnapshotJobs.Declare("snapshot-mainnet-zebrad", SnapshotJobs.ZebradMainnet).Graph,
        "zcashd-testnet" => SnapshotJobs.Declare("snapshot-testnet-zcashd", SnapshotJobs.ZcashdTestnet).Graph,
        "zebrad-testnet-ipfs" => SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnetIpfs).Graph,
        _ => throw new ArgumentOutOfRangeException(nameof(job)),
    };

    [Theory]
    [InlineData("zebrad-testnet")]
    [InlineData("zebrad-mainnet")]
    [InlineData("zebrad-testnet-ipfs")]
    public void Renders_match_their_golden_files(string job)
    {
        Golden.Check($"tests/ZcashInfra.Components.Tests/SnapshotJob/golden/{job}.json", GraphJson.Render(Render(job)));
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Every_object_validates_against_its_schema_and_every_policy(string job, EnvironmentTier tier)
    {
        var graph = Render(job);
        Assert.Equal(["ConfigMap", "NetworkPolicy", "CronJob"], graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => n.Inputs["kind"]!.GetValue<string>()));
        Assert.Empty(TestSchemas.Validator.Validate(graph, tier).Select(f => f.ToString()));
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Objects_keep_numbers_and_booleans_through_yaml_and_stay_valid(string job, EnvironmentTier tier)
    {
        _ = tier;
        var schemas = new KubernetesSchemas(TestSchemas.Folder);
        foreach (var node in Render(job).Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)))
        {
            var plain = (JsonObject)InputTree.ToPlainJson(node.Inputs)!;
            var again = (JsonObject)YamlJson.Parse(YamlJson.ToYaml(plain))!;
            Assert.Equal(plain.ToJsonString(), again.ToJsonString());
            Assert.Empty(schemas.Validate(again));
        }
    }

    [Fact]
    public void The_schema_check_would_reject_a_misspelled_or_mistyped_cron_job_field()
    {
        // (The schema has no enum for concurrencyPolicy; the snapshot-job-bounded policy checks it.)
        var cronJob = (JsonObject)InputTree.ToPlainJson(SnapshotJobs.Single(Render("zebrad-mainnet"), "CronJob").Inputs)!;
        cronJob["spec"]!["jobTemplate"]!["spec"]!["activeDeadlineSeconds"] = "14400";
        cronJob["spec"]!["startingDeadline"] = 600;
        var errors = new KubernetesSchemas(TestSchemas.Folder).Validate(cronJob);
        Assert.Contains(errors, e => e.Contains("activeDeadlineSeconds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("startingDeadline", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_arguments_render_the_same_bytes()
    {
        Assert.Equal(GraphJson.Render(Render("zebrad-mainnet")), GraphJson.Render(Render("zebrad-mainnet")));
    }
}
