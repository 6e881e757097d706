using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.SnapshotAccess;

public class SnapshotAccessTests
{
    private const string OidcArn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789";
    private const string Issuer = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789";

    /// <summary>A stack fragment as ZcashEnvironment builds it: providers, the zcash namespace, the (public) store, then access.</summary>
    internal static (ResourceGraph Graph, SnapshotAccessOutputs Outputs) Declare(Cloud? cloud, string prefix = "")
    {
        var builder = new GraphBuilder("test");
        var kubernetes = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ns = Namespaces.Declare(builder.Root, "namespace-zcash", Namespaces.Zcash, kubernetes, "zcash-nodes");
        SnapshotCloudAccess? access = null;
        if (cloud is { } c)
        {
            var provider = builder.Root.Resource($"pulumi:providers:{c.ToString().ToLowerInvariant()}", "cloud", []);
            var store = SnapshotStoreComponent.Declare(builder.Root, "snapshots", new SnapshotStoreArgs
            {
                Cloud = c,
                BucketName = "zcash-test-snapshots",
                Location = c == Cloud.Gcp ? "us-central1" : "us-east-1",
                Provider = provider,
                PublicRead = true,
                ProtectState = true,
            });
            access = new SnapshotCloudAccess
            {
                Cloud = c,
                Provider = provider,
                BucketName = store.BucketName,
                BucketPath = store.BucketPath,
                Prefix = prefix,
                GcpProject = "zcash-infra-test",
                AwsAccountId = "123456789012",
                OidcProviderArn = OidcArn,
            };
        }

        var outputs = SnapshotAccessComponent.Declare(builder.Root, "access", new SnapshotAccessArgs
        {
            KubernetesProvider = kubernetes,
            NamespacePath = ns,
            Cloud = access,
        });
        return (builder.Build(), outputs);
    }

    private static GraphNode Named(ResourceGraph graph, string name) => graph.Resources.Single(n => n.Name == name);

    private static JsonNode Document(GraphNode node, string input) => JsonNode.Parse(node.Inputs[input]!.GetValue<string>())!;

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(x => x!.GetValue<string>()),
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };

    [Fact]
    public void Gcp_reader_is_an_object_viewer_on_the_snapshot_bucket_only_bound_to_the_node_service_account()
    {
        var (graph, outputs) = Declare(Cloud.Gcp);
        const string email = "zcash-test-snap-read@zcash-infra-test.iam.gserviceaccount.com";
        Assert.Equal(email, outputs.ReaderIdentity);

        var grants = graph.Resources.Where(n => n.Inputs["member"]?.GetValue<string>() == $"serviceAccount:{email}").ToList();
        var grant = Assert.Single(grants);
        Assert.Equal("gcp:storage/bucketIAMMember:BucketIAMMember", grant.Type);
        Assert.Equal("roles/storage.objectViewer", grant.Inputs["role"]!.GetValue<string>());
        Assert.Equal("zcash-test-snapshots", grant.Inputs["bucket"]!.GetValue<string>());
        Assert.Contains("test/snapshots/snapshots-bucket", grant.Options.DependsOn);

        var binding = Named(graph, "access-reader-workload-identity").Inputs;
        Assert.Equal($"projects/zcash-infra-test/serviceAccounts/{email}", binding["serviceAccountId"]!.GetValue<string>());
        Assert.Equal("roles/iam.workloadIdentityUser", binding["role"]!.GetValue<string>());
        Assert.Equal("serviceAccount:zcash-infra-test.svc.id.goog[zcash/zcash-snapshot-reader]", binding["member"]!.GetValue<string>());

        var account = Named(graph, "access-reader-service-account");
        Assert.Equal(outputs.ReaderServiceAccountPath, account.Path);
        Assert.Equal("zcash-snapshot-reader", account.Inputs["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("zcash", account.Inputs["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal(email, account.Inputs["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]!.GetValue<string>());
        Assert.False(account.Inputs["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.Contains("test/namespace-zcash", account.Options.DependsOn);
        Assert.Contains(Named(graph, "access-reader-bucket").Path, account.Options.DependsOn);
    }

    [Fact]
    public void Gcp_writer_is_an_object_admin_on_the_snapshot_bucket_only_bound_to_the_job_service_account()
    {
        var (graph, outputs) = Declare(Cloud.Gcp);
        const string email = "zcash-test-snap-write@zcash-infra-test.iam.gserviceaccount.com";
        Assert.Equal(email, outputs.WriterIdentity);
        var grant = Assert.Single(graph.Resources, n => n.Inputs["member"]?.GetValue<string>() == $"serviceAccount:{email}");
        Assert.Equal("gcp:storage/bucketIAMMember:BucketIAMMember", grant.Type);
        Assert.Equal("roles/storage.objectAdmin", grant.Inputs["role"]!.GetValue<string>());
        Assert.Equal("serviceAccount:zcash-infra-test.svc.id.goog[zcash/zcash-snapshot-writer]",
            Named(graph, "access-writer-workload-identity").Inputs["member"]!.GetValue<string>());
        Assert.Equal(email, Named(graph, "access-writer-service-account").Inputs["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]!.GetValue<string>());

        // Nothing is granted on the project: the bucket is the only thing either identity touches.
        Assert.DoesNotContain(graph.Resources, n => n.Type == "gcp:projects/iAMMember:IAMMember");
    }

    [Fact]
    public void Aws_roles_trust_only_their_service_account_with_the_sts_audience()
    {
        var (graph, outputs) = Declare(Cloud.Aws);
        Assert.Equal("arn:aws:iam::123456789012:role/zcash-infra-test-snapshot-reader", outputs.ReaderIdentity);
        Assert.Equal("arn:aws:iam::123456789012:role/zcash-infra-test-snapshot-writer", outputs.WriterIdentity);
        foreach (var (who, account) in new[] { ("reader", "zcash-snapshot-reader"), ("writer", "zcash-snapshot-writer") })
        {
            var role = Named(graph, $"access-{who}-role");
            var statement = Assert.Single(Document(role, "assumeRolePolicy")["Statement"]!.AsArray())!;
            Assert.Equal(OidcArn, statement["Principal"]!["Federated"]!.GetValue<string>());
            Assert.Equal("sts:AssumeRoleWithWebIdentity", statement["Action"]!.GetValue<string>());
            var equals = statement["Condition"]!["StringEquals"]!.AsObject();
            Assert.Equal($"system:serviceaccount:zcash:{account}", equals[$"{Issuer}:sub"]!.GetValue<string>());
            Assert.Equal("sts.amazonaws.com", equals[$"{Issuer}:aud"]!.GetValue<string>());
            Assert.Equal(2, equals.Count);

            var sa = Named(graph, $"access-{who}-service-account");
            Assert.Equal(who == "reader" ? outputs.ReaderIdentity : outputs.WriterIdentity,
                sa.Inputs["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Aws_reader_may_list_and_get_within_the_bucket_and_nothing_else()
    {
        var (graph, _) = Declare(Cloud.Aws);
        var policy = Named(graph, "access-reader-policy");
        Assert.Equal("zcash-infra-test-snapshot-reader", policy.Inputs["role"]!.GetValue<string>());
        var statements = Document(policy, "policy")["Statement"]!.AsArray();
        Assert.Equal(["s3:GetObject", "s3:ListBucket"], statements.SelectMany(s => Strings(s!["Action"])).Order(StringComparer.Ordinal));
        Assert.Equal(["arn:aws:s3:::zcash-test-snapshots", "arn:aws:s3:::zcash-test-snapshots/*"], statements.SelectMany(s => Strings(s!["Resource"])).Order(StringComparer.Ordinal));
        Assert.All(statements, s => Assert.Equal("Allow", s!["Effect"]!.GetValue<string>()));

        // The role has no other rights: no managed policies, no attachments.
        Assert.Null(Named(graph, "access-reader-role").Inputs["managedPolicyArns"]);
        Assert.DoesNotContain(graph.Resources, n => n.Type == "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    }

    [Fact]
    public void Aws_writer_adds_upload_delete_and_multipart_housekeeping_but_no_wildcard()
    {
        var (graph, _) = Declare(Cloud.Aws);
        var actions = Document(Named(graph, "access-writer-policy"), "policy")["Statement"]!.AsArray().SelectMany(s => Strings(s!["Action"])).ToList();
        Assert.Equal(
            ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:PutObject"],
            actions.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(actions, a => a.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void Aws_prefix_confines_listing_and_objects_while_gcs_refuses_one()
    {
        var (graph, _) = Declare(Cloud.Aws, prefix: "zebra");
        var statements = Document(Named(graph, "access-reader-policy"), "policy")["Statement"]!.AsArray();
        var list = statements.Single(s => Strings(s!["Action"]).Contains("s3:ListBucket"))!;
        Assert.Equal(["zebra", "zebra/*"], Strings(list["Condition"]!["StringLike"]!["s3:prefix"]));
        var get = statements.Single(s => Strings(s!["Action"]).Contains("s3:GetObject"))!;
        Assert.Equal("arn:aws:s3:::zcash-test-snapshots/zebra/*", get["Resource"]!.GetValue<string>());

        var e = Assert.Throws<GraphException>(() => Declare(Cloud.Gcp, prefix: "zebra"));
        Assert.Contains("GCS grants are bucket-level", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_cloud_only_the_two_service_accounts_exist_unannotated()
    {
        var (graph, outputs) = Declare(null);
        var component = graph.Nodes.Single(n => n.Type == SnapshotAccessComponent.Type);
        var children = graph.ChildrenOf(component.Path).ToList();
        Assert.Equal(["kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:ServiceAccount"], children.Select(c => c.Type));
        Assert.Equal([SnapshotIdentities.ReaderServiceAccount, SnapshotIdentities.WriterServiceAccount], children.Select(c => c.Inputs["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(children, c => Assert.Null(c.Inputs["metadata"]!["annotations"]));
        Assert.All(children, c => Assert.Equal(["test/namespace-zcash"], c.Options.DependsOn.ToArray()));
        Assert.Null(outputs.ReaderIdentity);
        Assert.DoesNotContain(component.Outputs, o => o.Name == SnapshotAccessComponent.ReaderIdentityOutput);
    }

    [Theory]
    [InlineData(Cloud.Gcp)]
    [InlineData(Cloud.Aws)]
    [InlineData(null)]
    public void Every_rendered_object_matches_its_schema_or_provider_index_and_passes_the_policies(Cloud? cloud)
    {
        var (graph, _) = Declare(cloud);
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));
    }

    [Theory]
    [InlineData(Cloud.Gcp, "gcp.json")]
    [InlineData(Cloud.Aws, "aws.json")]
    public void Render_matches_the_golden_file(Cloud cloud, string golden)
    {
        Golden.Check($"tests/ZcashInfra.Components.Tests/SnapshotAccess/golden/{golden}", GraphJson.Render(Declare(cloud).Graph));
    }
}
