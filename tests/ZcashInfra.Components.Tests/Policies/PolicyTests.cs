using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Tests.Policies;

public class PolicyTests
{
    private static IReadOnlyList<string> Violations(Action<GraphScope> declare, EnvironmentTier tier = EnvironmentTier.Production)
    {
        var builder = new GraphBuilder("t");
        declare(builder.Root);
        return [.. PolicySet.Evaluate(new PolicyContext(builder.Build(), tier)).Select(f => f.ToString())];
    }

    [Fact]
    public void Production_bucket_without_protect_retain_or_with_forceDestroy_is_caught()
    {
        var found = Violations(s => s.Resource("aws:s3/bucket:Bucket", "b", new JsonObject { ["forceDestroy"] = true }));
        Assert.Contains(found, v => v.Contains("[durable-data-stores] t/b", StringComparison.Ordinal) && v.Contains("protect", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains("retainOnDelete", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains("forceDestroy", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_bucket_is_fine_in_development_and_a_durable_one_in_production()
    {
        Assert.Empty(Violations(s => s.Resource("aws:s3/bucket:Bucket", "b", new JsonObject { ["forceDestroy"] = true }), EnvironmentTier.Development));
        Assert.Empty(Violations(s => s.Resource("gcp:storage/bucket:Bucket", "b", new JsonObject { ["forceDestroy"] = false }, NodeOptions.ProtectState(true))));
    }

    [Theory]
    [InlineData("roles/storage.objectAdmin", true)]
    [InlineData("roles/storage.objectViewer", true)]
    [InlineData("roles/storage.legacyObjectReader", false)]
    public void Public_gcs_grants_beyond_object_reads_are_caught(string role, bool violation)
    {
        var found = Violations(s => s.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", "m", new JsonObject
        {
            ["bucket"] = "b",
            ["role"] = role,
            ["member"] = "allUsers",
        }));
        Assert.Equal(violation, found.Any(v => v.Contains("[no-public-write]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Public_s3_policy_with_write_or_list_and_public_acls_are_caught()
    {
        var policy = new JsonObject
        {
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = "*" },
                ["Action"] = new JsonArray("s3:GetObject", "s3:PutObject", "s3:ListBucket"),
            }),
        };
        var found = Violations(s =>
        {
            s.Resource("aws:s3/bucketPolicy:BucketPolicy", "p", new JsonObject { ["bucket"] = "b", ["policy"] = policy.ToJsonString() });
            s.Resource("aws:s3/bucket:Bucket", "b", new JsonObject { ["acl"] = "public-read-write" }, NodeOptions.ProtectState(true));
        });
        Assert.Contains(found, v => v.Contains("allows s3:PutObject", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains("allows s3:ListBucket", StringComparison.Ordinal));
        Assert.DoesNotContain(found, v => v.Contains("allows s3:GetObject", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains("public-read-write", StringComparison.Ordinal));
    }

    [Fact]
    public void Plaintext_credentials_are_caught_without_echoing_them()
    {
        var found = Violations(s =>
        {
            s.Resource("pulumi:providers:kubernetes", "k", new JsonObject { ["kubeconfig"] = "apiVersion: v1 clusters: [super-secret]" });
            s.Resource("kubernetes:core/v1:Secret", "s", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject { ["name"] = "rpc" },
                ["stringData"] = new JsonObject { ["user"] = "zebra-rpc-user-literal" },
            });
        });
        Assert.Contains(found, v => v.Contains("t/k: kubeconfig holds a plain-text credential", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains("t/s: stringData.user holds a plain-text credential", StringComparison.Ordinal));
        Assert.DoesNotContain(found, v => v.Contains("super-secret", StringComparison.Ordinal) || v.Contains("zebra-rpc-user-literal", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_leaves_and_references_to_secrets_by_name_pass()
    {
        Assert.Empty(Violations(s =>
        {
            s.Resource("pulumi:providers:kubernetes", "k", new JsonObject { ["kubeconfig"] = InputTree.Leaf(Secret.FromCiphertext("v1:abc")) });
            s.Resource("kubernetes:core/v1:Secret", "s", new JsonObject
            {
                ["stringData"] = new JsonObject { ["password"] = InputTree.Leaf(Secret.FromPlaintext("x")) },
            });
            s.Resource("kubernetes:apps/v1:Deployment", "d", new JsonObject
            {
                ["spec"] = new JsonObject { ["secretName"] = "rpc-credentials", ["tokenSecretRef"] = new JsonObject { ["name"] = "gh" } },
            });
        }));
    }

    [Fact]
    public void Every_policy_has_a_unique_id_and_a_description()
    {
        Assert.Equal(PolicySet.All.Count, PolicySet.All.Select(p => p.Id).Distinct().Count());
        Assert.All(PolicySet.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }
}
