using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

/// <summary>Node pools and snapshot access as each stack declares them.</summary>
public class CloudSideEnvironmentTests
{
    private static ResourceGraph Declare(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    private static string Output(ResourceGraph graph, string name) => graph.Outputs.Single(o => o.Name == name).Value!.ToJsonString();

    [Fact]
    public void Dev_adds_three_gke_pools_to_its_cluster_and_binds_snapshot_identities_by_workload_identity()
    {
        var graph = Declare("dev");
        var pools = graph.Resources.Where(n => n.Type == "gcp:container/nodePool:NodePool").ToList();
        Assert.Equal(["system", "nodes", "ci"], pools.Select(p => p.Inputs["name"]!.GetValue<string>()));
        Assert.All(pools, p => Assert.Equal("zcash-dev", p.Inputs["cluster"]!.GetValue<string>()));
        Assert.All(pools, p => Assert.Equal("us-central1", p.Inputs["location"]!.GetValue<string>()));
        Assert.All(pools, p => Assert.Equal("dev/gcp", p.Options.Provider));
        Assert.Equal(0, pools[2].Inputs["autoscaling"]!["totalMinNodeCount"]!.GetValue<int>());

        Assert.Equal("""{"system":"system","nodes":"nodes","ci":"ci"}""", Output(graph, "nodePools"));
        Assert.Equal("\"zcash-dev-nodes@zcash-infra-dev.iam.gserviceaccount.com\"", Output(graph, "nodeIdentity"));
        Assert.Equal("\"zcash-dev-snap-read@zcash-infra-dev.iam.gserviceaccount.com\"", Output(graph, "snapshotReaderIdentity"));
        Assert.Equal("\"zcash-dev-snap-write@zcash-infra-dev.iam.gserviceaccount.com\"", Output(graph, "snapshotWriterIdentity"));

        var readerGrant = graph.Resources.Single(n => n.Name == "snapshot-access-reader-bucket");
        Assert.Equal("zcash-infra-dev-zcash-snapshots-dev", readerGrant.Inputs["bucket"]!.GetValue<string>());
        Assert.Contains("dev/snapshots/snapshots-bucket", readerGrant.Options.DependsOn);
    }

    [Fact]
    public void Prod_adds_eks_node_groups_in_its_subnets_and_irsa_roles_trusting_its_clusters_oidc_provider()
    {
        var graph = Declare("prod");
        var groups = graph.Resources.Where(n => n.Type == "aws:eks/nodeGroup:NodeGroup").ToList();
        Assert.Equal(["ON_DEMAND", "ON_DEMAND", "SPOT"], groups.Select(g => g.Inputs["capacityType"]!.GetValue<string>()));
        Assert.All(groups, g => Assert.Equal(3, g.Inputs["subnetIds"]!.AsArray().Count));
        Assert.All(groups, g => Assert.Equal("arn:aws:iam::123456789012:role/zcash-infra-prod-nodes", g.Inputs["nodeRoleArn"]!.GetValue<string>()));

        var reader = graph.Resources.Single(n => n.Name == "snapshot-access-reader-role");
        Assert.Contains("oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/", reader.Inputs["assumeRolePolicy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("\"arn:aws:iam::123456789012:role/zcash-infra-prod-snapshot-reader\"", Output(graph, "snapshotReaderIdentity"));

        // The public bucket policy and the reader's role coexist: anonymous GetObject only, the reader list+get.
        Assert.Contains(graph.Resources, n => n.Type == "aws:s3/bucketPolicy:BucketPolicy");
    }

    [Theory]
    [InlineData("dev", EnvironmentTier.Development)]
    [InlineData("prod", EnvironmentTier.Production)]
    public void Both_stacks_pass_every_schema_index_and_policy(string stack, EnvironmentTier tier)
    {
        Assert.Empty(TestSchemas.Validator.Validate(Declare(stack), tier));
    }

    [Fact]
    public void An_existing_cluster_gets_the_snapshot_service_accounts_without_cloud_bindings_and_no_pools()
    {
        var graph = ZcashEnvironment.Declare("lab", StackYaml.Parse("  zcash-infra:cloud: existing\n").GetOrThrow());
        var accounts = graph.Resources.Where(n => n.Type == "kubernetes:core/v1:ServiceAccount").ToList();
        Assert.Equal([SnapshotIdentities.ReaderServiceAccount, SnapshotIdentities.WriterServiceAccount], accounts.Select(a => a.Inputs["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(accounts, a => Assert.Null(a.Inputs["metadata"]!["annotations"]));
        Assert.DoesNotContain(graph.Nodes, n => n.Type == NodePoolsComponent.Type);
        Assert.DoesNotContain(graph.Outputs, o => o.Name is "nodePools" or "snapshotReaderIdentity");
    }

    [Fact]
    public void A_stack_name_too_long_for_a_gcp_service_account_id_is_a_clear_error()
    {
        var settings = StackYaml.WithBase("  zcash-infra:snapshots:\n    bucket: zcash-long-stack-snapshots\n").GetOrThrow();
        var e = Assert.Throws<GraphException>(() => ZcashEnvironment.Declare("integration-east", settings));
        Assert.Equal("the GCP service account id 'zcash-integration-east-snap-read' derived from stack 'integration-east' is longer than 30 characters or malformed; use a shorter stack name", e.Message);
    }
}
