using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

public class ProviderIndexTests
{
    private static IReadOnlyList<string> Check(string type, JsonObject inputs)
    {
        var builder = new GraphBuilder("t");
        var path = builder.Root.Resource(type, "r", inputs);
        return new ProviderIndex(TestSchemas.Folder).Validate(builder.Build()[path]);
    }

    [Fact]
    public void A_correct_resource_passes() =>
        Assert.Empty(Check("gcp:storage/bucket:Bucket", new JsonObject
        {
            ["location"] = "US",
            ["versioning"] = new JsonObject { ["enabled"] = true },
            ["lifecycleRules"] = new JsonArray(new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Delete" },
                ["condition"] = new JsonObject { ["age"] = 3 },
            }),
        }));

    [Fact]
    public void An_unknown_input_deep_in_a_nested_type_is_reported_with_its_path()
    {
        var problems = Check("gcp:storage/bucket:Bucket", new JsonObject
        {
            ["location"] = "US",
            ["lifecycleRules"] = new JsonArray(new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Delete" },
                ["condition"] = new JsonObject { ["ageDays"] = 3 },
            }),
        });
        Assert.Contains(problems, p => p.StartsWith("lifecycleRules[0].condition.ageDays: unknown input", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_input_is_reported_at_top_level_and_nested()
    {
        var problems = Check("aws:s3/bucketVersioning:BucketVersioning", new JsonObject
        {
            ["bucket"] = "b",
            ["versioningConfiguration"] = new JsonObject { ["mfaDelete"] = "Disabled" },
        });
        Assert.Contains("versioningConfiguration.status: required input is missing", problems);

        Assert.Contains("location: required input is missing", Check("gcp:storage/bucket:Bucket", []));
    }

    [Fact]
    public void A_wrong_scalar_kind_is_reported()
    {
        var problems = Check("gcp:storage/bucket:Bucket", new JsonObject { ["location"] = "US", ["forceDestroy"] = "yes" });
        Assert.Contains("forceDestroy: must be bool, got string", problems);

        var list = Check("gcp:storage/bucket:Bucket", new JsonObject { ["location"] = "US", ["lifecycleRules"] = new JsonObject() });
        Assert.Contains("lifecycleRules: must be a list", list);
    }

    [Fact]
    public void An_unknown_or_deprecated_type_token_is_reported()
    {
        Assert.Contains(Check("gcp:storage/bukkit:Bukkit", []), p => p.Contains("is not a resource type of gcp", StringComparison.Ordinal));
        Assert.Contains(Check("azure:storage/account:Account", []), p => p.Contains("no provider index for package 'azure'", StringComparison.Ordinal));
    }

    [Fact]
    public void Provider_resources_accept_only_known_configuration_keys() =>
        Assert.Contains("regoin: not a gcp provider setting", Check("pulumi:providers:gcp", new JsonObject { ["regoin"] = "x" }));

    [Fact]
    public void Secret_leaves_are_not_kind_checked()
    {
        var builder = new GraphBuilder("t");
        var path = builder.Root.Resource("aws:s3/bucketVersioning:BucketVersioning", "r", new JsonObject
        {
            ["bucket"] = "a",
            ["versioningConfiguration"] = new JsonObject { ["status"] = InputTree.Leaf(Secret.FromPlaintext("Enabled")) },
        });
        Assert.Empty(new ProviderIndex(TestSchemas.Folder).Validate(builder.Build()[path]));
    }
}
