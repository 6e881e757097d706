using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

public class ZcashEnvironmentTests
{
    private static ResourceGraph Declare(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    [Fact]
    public void Dev_declares_a_gcs_snapshot_store_through_an_explicit_gcp_provider()
    {
        var graph = Declare("dev");
        var bucket = graph.Resources.Single(n => n.Type == "gcp:storage/bucket:Bucket");
        Assert.Equal("zcash-infra-dev-zcash-snapshots-dev", bucket.Inputs["name"]!.GetValue<string>());
        Assert.Equal("dev/gcp", bucket.Options.Provider);
        Assert.Equal("zcash-infra-dev", graph["dev/gcp"].Inputs["project"]!.GetValue<string>());
        Assert.False(bucket.Options.Protect);
        Assert.Contains(graph.Outputs, o => o.Name == "snapshotBucketUrl" && o.Value!.GetValue<string>() == "gs://zcash-infra-dev-zcash-snapshots-dev");
    }

    [Fact]
    public void Prod_declares_a_protected_public_read_s3_store_pinned_to_its_account()
    {
        var graph = Declare("prod");
        var bucket = graph.Resources.Single(n => n.Type == "aws:s3/bucket:Bucket");
        Assert.True(bucket.Options.Protect);
        Assert.True(bucket.Options.RetainOnDelete);
        Assert.Equal("[\"123456789012\"]", graph["prod/aws"].Inputs["allowedAccountIds"]!.GetValue<string>());
        Assert.Contains(graph.Resources, n => n.Type == "aws:s3/bucketPolicy:BucketPolicy");
        Assert.All(graph.Resources.Where(n => n.Package == "aws" && !TypeTokens.IsProvider(n.Type)), n => Assert.Equal("prod/aws", n.Options.Provider));
    }

    [Fact]
    public void An_existing_cluster_stack_declares_no_cloud_resources()
    {
        var settings = StackYaml.Parse("  zcash-infra:cloud: existing\n").GetOrThrow();
        var graph = ZcashEnvironment.Declare("lab", settings);
        Assert.DoesNotContain(graph.Resources, n => n.Package is "gcp" or "aws");
        Assert.Contains(graph.Resources, n => n.Type == "pulumi:providers:kubernetes");
    }

    [Fact]
    public void The_same_settings_render_byte_identical_graphs()
    {
        foreach (var stack in new[] { "dev", "prod" })
        {
            Assert.Equal(GraphJson.Render(Declare(stack)), GraphJson.Render(Declare(stack)));
            Assert.Equal(GraphTree.Render(Declare(stack)), GraphTree.Render(Declare(stack)));
        }
    }

    [Fact]
    public void A_derived_bucket_name_that_is_too_long_is_a_clear_error()
    {
        var settings = StackYaml.WithBase(string.Empty).GetOrThrow();
        var e = Assert.Throws<GraphException>(() => ZcashEnvironment.Declare(new string('s', 40), settings));
        Assert.Contains("zcash-infra:snapshots.bucket", e.Message, StringComparison.Ordinal);
    }
}
