using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>The grant and pool policies, each failing on a seeded violation next to real components and passing without it.</summary>
public class AccessPolicyTests
{
    private const string ReaderEmail = "zcash-t-snap-read@p-test.iam.gserviceaccount.com";
    private const string WriterEmail = "zcash-t-snap-write@p-test.iam.gserviceaccount.com";
    private const string NodeEmail = "zcash-t-nodes@p-test.iam.gserviceaccount.com";

    /// <summary>Real node pools and snapshot access for a cloud, plus whatever the test seeds beside them.</summary>
    private static List<string> Findings(Cloud cloud, string policyId, Action<GraphScope, string>? seed = null)
    {
        var builder = new GraphBuilder("t");
        var provider = builder.Root.Resource($"pulumi:providers:{cloud.ToString().ToLowerInvariant()}", "cloud", []);
        var kubernetes = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        NodePoolsComponent.Declare(builder.Root, "pools", new NodePoolsArgs
        {
            Cloud = cloud,
            Provider = provider,
            ClusterName = "c",
            GcpProject = "p-test",
            Location = "us-central1",
            AwsAccountId = "123456789012",
            SubnetIds = ["subnet-0a1b2c3d"],
            Pools =
            [
                new() { Name = "nodes", Role = PoolRole.Nodes, MachineType = cloud == Cloud.Gcp ? "n2-highmem-4" : "r6i.large" },
                new() { Name = "ci", Role = PoolRole.Ci, MachineType = cloud == Cloud.Gcp ? "n2-standard-8" : "c6i.large", MinNodes = 0, Spot = true },
            ],
        });
        SnapshotAccessComponent.Declare(builder.Root, "access", new SnapshotAccessArgs
        {
            KubernetesProvider = kubernetes,
            Cloud = new SnapshotCloudAccess
            {
                Cloud = cloud,
                Provider = provider,
                BucketName = "snaps",
                GcpProject = "p-test",
                AwsAccountId = "123456789012",
                OidcProviderArn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
            },
        });
        seed?.Invoke(builder.Root, provider);
        var policy = PolicySet.All.Single(p => p.Id == policyId);
        return [.. policy.Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).Select(f => f.ToString())];
    }

    private static void GcsGrant(GraphScope s, string provider, string name, string member, string role) =>
        s.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", name, new JsonObject { ["bucket"] = "snaps", ["role"] = role, ["member"] = member }, new NodeOptions { Provider = provider });

    private static void RolePolicy(GraphScope s, string provider, string name, string role, params string[] actions) =>
        s.Resource("aws:iam/rolePolicy:RolePolicy", name, new JsonObject
        {
            ["role"] = role,
            ["policy"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Action"] = new JsonArray([.. actions.Select(a => JsonValue.Create(a))]),
                    ["Resource"] = "*",
                }),
            }.ToJsonString(),
        }, new NodeOptions { Provider = provider });

    [Theory]
    [InlineData("no-broad-grants")]
    [InlineData("reader-read-only")]
    [InlineData("ci-pool-tainted")]
    public void The_components_as_declared_pass(string policy)
    {
        Assert.Empty(Findings(Cloud.Gcp, policy));
        Assert.Empty(Findings(Cloud.Aws, policy));
    }

    [Fact]
    public void Storage_admin_on_the_reader_and_object_admin_on_the_node_account_are_caught()
    {
        var found = Findings(Cloud.Gcp, "no-broad-grants", (s, p) =>
        {
            GcsGrant(s, p, "reader-admin", $"serviceAccount:{ReaderEmail}", "roles/storage.admin");
            GcsGrant(s, p, "node-objects", $"serviceAccount:{NodeEmail}", "roles/storage.objectAdmin");
            s.Resource("gcp:projects/iAMMember:IAMMember", "writer-owner", new JsonObject { ["project"] = "p-test", ["role"] = "roles/owner", ["member"] = $"serviceAccount:{WriterEmail}" });
        });
        Assert.Equal(
        [
            $"[no-broad-grants] t/reader-admin: grants roles/storage.admin to the reader identity {ReaderEmail}; administrative roles are never granted",
            $"[no-broad-grants] t/node-objects: grants roles/storage.objectAdmin to the node identity {NodeEmail}, which may administer nothing",
            $"[no-broad-grants] t/writer-owner: grants roles/owner to the writer identity {WriterEmail}; administrative roles are never granted",
        ], found);
    }

    [Fact]
    public void S3_wildcards_and_full_access_policies_are_caught_on_any_role()
    {
        var found = Findings(Cloud.Aws, "no-broad-grants", (s, p) =>
        {
            RolePolicy(s, p, "node-s3", "zcash-infra-t-nodes", "s3:*");
            RolePolicy(s, p, "writer-all", "zcash-infra-t-snapshot-writer", "*", "s3:PutObject");
            s.Resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "reader-full", new JsonObject
            {
                ["role"] = "zcash-infra-t-snapshot-reader",
                ["policyArn"] = "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            });
        });
        Assert.Equal(
        [
            "[no-broad-grants] t/node-s3: allows s3:* to the node identity zcash-infra-t-nodes; name the actions it needs",
            "[no-broad-grants] t/writer-all: allows * to the writer identity zcash-infra-t-snapshot-writer; name the actions it needs",
            "[no-broad-grants] t/reader-full: attaches AmazonS3FullAccess to the reader identity zcash-infra-t-snapshot-reader; grant the actions it needs instead",
        ], found);
    }

    [Fact]
    public void A_wildcard_in_a_customer_policy_attached_by_arn_is_found_too()
    {
        var found = Findings(Cloud.Aws, "no-broad-grants", (s, p) =>
        {
            s.Resource("aws:iam/policy:Policy", "broad", new JsonObject
            {
                ["name"] = "snapshots-everything",
                ["policy"] = """{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""",
            });
            s.Resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", new JsonObject
            {
                ["role"] = "zcash-infra-t-snapshot-writer",
                ["policyArn"] = "arn:aws:iam::123456789012:policy/snapshots-everything",
            });
        });
        Assert.Equal(["[no-broad-grants] t/attach: allows s3:* to the writer identity zcash-infra-t-snapshot-writer; name the actions it needs"], found);
    }

    [Fact]
    public void Any_write_grant_to_the_reader_is_caught_on_both_clouds()
    {
        var gcp = Findings(Cloud.Gcp, "reader-read-only", (s, p) =>
        {
            GcsGrant(s, p, "reader-create", $"serviceAccount:{ReaderEmail}", "roles/storage.objectCreator");

            // The writer may write: not the reader policy's business.
            GcsGrant(s, p, "writer-create", $"serviceAccount:{WriterEmail}", "roles/storage.objectCreator");
        });
        Assert.Equal(
            [$"[reader-read-only] t/reader-create: grants roles/storage.objectCreator to the snapshot reader {ReaderEmail}; it may only hold roles/storage.legacyObjectReader or roles/storage.objectViewer"],
            gcp);

        var aws = Findings(Cloud.Aws, "reader-read-only", (s, p) =>
        {
            RolePolicy(s, p, "reader-put", "zcash-infra-t-snapshot-reader", "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
            s.Resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "reader-managed", new JsonObject
            {
                ["role"] = "arn:aws:iam::123456789012:role/zcash-infra-t-snapshot-reader",
                ["policyArn"] = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            });
        });
        Assert.Equal(
        [
            "[reader-read-only] t/reader-put: allows s3:PutObject to the snapshot reader zcash-infra-t-snapshot-reader; it may only s3:GetBucketLocation, s3:GetObject, s3:GetObjectVersion, s3:ListBucket",
            "[reader-read-only] t/reader-put: allows s3:DeleteObject to the snapshot reader zcash-infra-t-snapshot-reader; it may only s3:GetBucketLocation, s3:GetObject, s3:GetObjectVersion, s3:ListBucket",
            "[reader-read-only] t/reader-managed: attaches arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess to the snapshot reader zcash-infra-t-snapshot-reader; its rights must be an inline read-only policy",
        ], aws);
    }

    [Fact]
    public void An_untainted_ci_pool_a_wrongly_spelled_effect_and_an_unlabelled_pool_are_caught()
    {
        var gcp = Findings(Cloud.Gcp, "ci-pool-tainted", (s, p) =>
        {
            s.Resource("gcp:container/nodePool:NodePool", "bare-ci", new JsonObject
            {
                ["cluster"] = "c",
                ["nodeConfig"] = new JsonObject { ["labels"] = new JsonObject { [PoolPlacement.RoleLabel] = "ci" } },
            });
            s.Resource("gcp:container/nodePool:NodePool", "anonymous", new JsonObject { ["cluster"] = "c", ["nodeConfig"] = new JsonObject() });
        });
        Assert.Equal(
        [
            "[ci-pool-tainted] t/bare-ci: CI pool lacks the taint zcash-infra/pool-role=ci:NoSchedule; any pod could land on its spot, scale-to-zero nodes",
            "[ci-pool-tainted] t/anonymous: carries no zcash-infra/pool-role label, so no workload is placed on it by role",
        ], gcp);

        var aws = Findings(Cloud.Aws, "ci-pool-tainted", (s, p) => s.Resource("aws:eks/nodeGroup:NodeGroup", "kube-spelling", new JsonObject
        {
            ["clusterName"] = "c",
            ["labels"] = new JsonObject { [PoolPlacement.RoleLabel] = "ci" },

            // The Kubernetes spelling is not what EKS takes: the taint would never match.
            ["taints"] = new JsonArray(new JsonObject { ["key"] = PoolPlacement.RoleLabel, ["value"] = "ci", ["effect"] = "NoSchedule" }),
        }));
        Assert.Equal(["[ci-pool-tainted] t/kube-spelling: CI pool lacks the taint zcash-infra/pool-role=ci:NoSchedule; any pod could land on its spot, scale-to-zero nodes"], aws);
    }

    [Fact]
    public void Identities_are_known_from_the_component_outputs()
    {
        var builder = new GraphBuilder("t");
        var kubernetes = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        SnapshotAccessComponent.Declare(builder.Root, "access", new SnapshotAccessArgs { KubernetesProvider = kubernetes });
        Assert.Empty(IamGrants.Identities(builder.Build()));

        Assert.Equal("zcash-infra-t-nodes", IamGrants.Principal("arn:aws:iam::123456789012:role/zcash-infra-t-nodes"));
        Assert.Equal(NodeEmail, IamGrants.Principal($"serviceAccount:{NodeEmail}"));
        Assert.True(IamGrants.IsWildcard("iam:*"));
        Assert.False(IamGrants.IsWildcard("s3:GetObject"));
    }
}
