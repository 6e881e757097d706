using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.SnapshotStore;

public class SnapshotStoreTests
{
    private static (ResourceGraph Graph, SnapshotStoreOutputs Outputs) Declare(Cloud cloud, bool publicRead = false, bool durable = false, int archiveDays = 0)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource($"pulumi:providers:{cloud.ToString().ToLowerInvariant()}", "cloud", []);
        var outputs = SnapshotStoreComponent.Declare(builder.Root, "snapshots", new SnapshotStoreArgs
        {
            Cloud = cloud,
            BucketName = "zcash-test-snapshots",
            Location = "us-central1",
            Provider = provider,
            PublicRead = publicRead,
            ProtectState = durable,
            ArchiveMaxAgeDays = archiveDays,
            NoncurrentVersionDays = 5,
            Labels = new Dictionary<string, string> { ["team"] = "infra" },
        });
        return (builder.Build(), outputs);
    }

    private static IEnumerable<GraphNode> Of(ResourceGraph graph, string type) => graph.Resources.Where(n => n.Type == type);

    [Fact]
    public void Private_gcs_bucket_enforces_public_access_prevention_and_expires_noncurrent_versions()
    {
        var (graph, outputs) = Declare(Cloud.Gcp);
        var bucket = Assert.Single(Of(graph, "gcp:storage/bucket:Bucket"));

        Assert.Equal("zcash-test-snapshots", bucket.Inputs["name"]!.GetValue<string>());
        Assert.Equal("enforced", bucket.Inputs["publicAccessPrevention"]!.GetValue<string>());
        Assert.True(bucket.Inputs["uniformBucketLevelAccess"]!.GetValue<bool>());
        Assert.True(bucket.Inputs["versioning"]!["enabled"]!.GetValue<bool>());
        var rule = Assert.Single(bucket.Inputs["lifecycleRules"]!.AsArray());
        Assert.Equal(5, rule!["condition"]!["daysSinceNoncurrentTime"]!.GetValue<int>());
        Assert.Equal("infra", bucket.Inputs["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("test", bucket.Inputs["labels"]!["zcash-infra-stack"]!.GetValue<string>());
        Assert.Empty(Of(graph, "gcp:storage/bucketIAMMember:BucketIAMMember"));
        Assert.Equal("gs://zcash-test-snapshots", outputs.BucketUrl);
        Assert.Null(outputs.PublicBaseUrl);
        Assert.Equal("test/cloud", bucket.Options.Provider);
    }

    [Fact]
    public void Public_gcs_bucket_grants_object_reads_only_never_listing()
    {
        var (graph, outputs) = Declare(Cloud.Gcp, publicRead: true);
        Assert.Equal("inherited", Assert.Single(Of(graph, "gcp:storage/bucket:Bucket")).Inputs["publicAccessPrevention"]!.GetValue<string>());
        var member = Assert.Single(Of(graph, "gcp:storage/bucketIAMMember:BucketIAMMember"));
        Assert.Equal("allUsers", member.Inputs["member"]!.GetValue<string>());
        Assert.Equal("roles/storage.legacyObjectReader", member.Inputs["role"]!.GetValue<string>());
        Assert.Equal("https://storage.googleapis.com/zcash-test-snapshots", outputs.PublicBaseUrl);
    }

    [Fact]
    public void Archive_age_rule_only_targets_archives()
    {
        var (graph, _) = Declare(Cloud.Gcp, archiveDays: 60);
        var rules = Assert.Single(Of(graph, "gcp:storage/bucket:Bucket")).Inputs["lifecycleRules"]!.AsArray();
        var age = rules.Single(r => r!["condition"]!["age"] is not null)!;
        Assert.Equal(60, age["condition"]!["age"]!.GetValue<int>());
        Assert.Equal([".tar.zst", ".tar.gz", ".tar"], age["condition"]!["matchesSuffixes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public void Durable_store_is_protected_retained_and_never_force_destroyed()
    {
        foreach (var cloud in new[] { Cloud.Gcp, Cloud.Aws })
        {
            var (graph, _) = Declare(cloud, durable: true);
            var bucket = graph.Resources.Single(n => DataStores.Types.Contains(n.Type));
            Assert.True(bucket.Options.Protect);
            Assert.True(bucket.Options.RetainOnDelete);
            Assert.False(bucket.Inputs["forceDestroy"]!.GetValue<bool>());
        }

        var (dev, _) = Declare(Cloud.Gcp);
        var devBucket = dev.Resources.Single(n => DataStores.Types.Contains(n.Type));
        Assert.False(devBucket.Options.Protect);
        Assert.True(devBucket.Inputs["forceDestroy"]!.GetValue<bool>());
    }

    [Fact]
    public void S3_store_uses_the_unsuffixed_resources_each_depending_on_the_bucket()
    {
        var (graph, outputs) = Declare(Cloud.Aws);
        var types = graph.Resources.Where(n => !TypeTokens.IsProvider(n.Type)).Select(n => n.Type).ToList();
        Assert.Equal(
        [
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketVersioning:BucketVersioning",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        ], types);
        Assert.DoesNotContain(types, t => t.Contains("V2", StringComparison.Ordinal));
        foreach (var child in graph.Resources.Where(n => n.Type.StartsWith("aws:s3/bucket", StringComparison.Ordinal) && n.Type != "aws:s3/bucket:Bucket"))
        {
            Assert.Contains(outputs.BucketPath, child.Options.DependsOn);
            Assert.Equal("zcash-test-snapshots", child.Inputs["bucket"]!.GetValue<string>());
        }

        var block = Assert.Single(Of(graph, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).Inputs;
        Assert.All(new[] { "blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets" }, k => Assert.True(block[k]!.GetValue<bool>()));
        Assert.Empty(Of(graph, "aws:s3/bucketPolicy:BucketPolicy"));
    }

    [Fact]
    public void Public_s3_store_allows_anonymous_GetObject_only_and_keeps_acls_blocked()
    {
        var (graph, _) = Declare(Cloud.Aws, publicRead: true);
        var policy = JsonNode.Parse(Assert.Single(Of(graph, "aws:s3/bucketPolicy:BucketPolicy")).Inputs["policy"]!.GetValue<string>())!;
        var statement = Assert.Single(policy["Statement"]!.AsArray())!;
        Assert.Equal("s3:GetObject", statement["Action"]!.GetValue<string>());
        Assert.Equal("arn:aws:s3:::zcash-test-snapshots/*", statement["Resource"]!.GetValue<string>());
        var block = Assert.Single(Of(graph, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).Inputs;
        Assert.True(block["blockPublicAcls"]!.GetValue<bool>());
        Assert.False(block["blockPublicPolicy"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(Cloud.Gcp, false)]
    [InlineData(Cloud.Gcp, true)]
    [InlineData(Cloud.Aws, false)]
    [InlineData(Cloud.Aws, true)]
    public void Every_rendered_cloud_resource_matches_the_provider_index_and_passes_the_policies(Cloud cloud, bool publicRead)
    {
        var (graph, _) = Declare(cloud, publicRead, durable: true, archiveDays: 30);
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));
    }
}
