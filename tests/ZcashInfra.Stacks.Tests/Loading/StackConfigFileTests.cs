using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Stacks.Settings;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests.Loading;

public class StackConfigFileTests
{
    [Fact]
    public void The_dev_stack_is_gcp_development_with_scale_to_zero_ci_and_test_networks()
    {
        var dev = StackConfigFile.Load(RepoPaths.Root, "dev").GetOrThrow();
        Assert.Equal(Cloud.Gcp, dev.Cloud);
        Assert.Equal(EnvironmentTier.Development, dev.Environment);
        Assert.False(dev.ShouldProtectState);
        Assert.Equal(0, dev.CiWorkers.MinWorkers);
        Assert.All(dev.NodeSets, s => Assert.NotEqual(Network.Mainnet, s.Network));
        Assert.Equal(0, dev.NodePools.Single(p => p.Role == PoolRole.Ci).MinNodes);
    }

    [Fact]
    public void The_prod_stack_is_aws_production_with_replicated_mainnet_and_longer_retention()
    {
        var prod = StackConfigFile.Load(RepoPaths.Root, "prod").GetOrThrow();
        var dev = StackConfigFile.Load(RepoPaths.Root, "dev").GetOrThrow();
        Assert.Equal(Cloud.Aws, prod.Cloud);
        Assert.True(prod.ShouldProtectState);
        Assert.Contains(prod.NodeSets, s => s.Network == Network.Mainnet && s.Implementation == NodeImplementation.Zebrad && s.Replicas > 1);
        Assert.Contains(prod.NodeSets, s => s.Network == Network.Testnet && s.Replicas > 1);
        Assert.True(prod.Snapshots.KeepSnapshots > dev.Snapshots.KeepSnapshots);
        Assert.True(prod.Snapshots.NoncurrentVersionDays > dev.Snapshots.NoncurrentVersionDays);
    }

    [Fact]
    public void Documented_defaults_apply_when_keys_are_absent()
    {
        var s = StackYaml.WithBase("  zcash-infra:tekton:\n    enabled: true\n").GetOrThrow();
        Assert.Equal("v1.15.0", s.Tekton.PipelinesVersion);
        Assert.Equal("v0.37.0", s.Tekton.TriggersVersion);
        Assert.Equal(7, s.Snapshots.NoncurrentVersionDays);
        Assert.Equal(EnvironmentTier.Development, s.Environment);
        Assert.Empty(s.NodeSets);
    }

    [Fact]
    public void A_missing_stack_file_is_reported_by_name_with_the_stacks_that_exist()
    {
        var error = Assert.Single(StackConfigFile.Load(RepoPaths.Root, "nope").Errors);
        Assert.Contains("Pulumi.nope.yaml: no such file", error, StringComparison.Ordinal);
        Assert.Contains($"the stacks here are: {string.Join(", ", StackConfigFile.Stacks(RepoPaths.Root))}", error, StringComparison.Ordinal);
        Assert.Contains("dev", StackConfigFile.Stacks(RepoPaths.Root));
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_line()
    {
        var result = StackConfigFile.Parse("t", "config:\n  zcash-infra:cloud: [gcp\n", "Pulumi.t.yaml");
        Assert.Matches(@"^Pulumi\.t\.yaml:\d+:\d+: not valid YAML: ", Assert.Single(result.Errors));
    }

    /// <summary>YamlDotNet reports a tab in the indentation without a position (line 1); the loader finds the line.</summary>
    [Fact]
    public void A_tab_on_line_7_is_reported_at_line_7()
    {
        foreach (var yaml in new[]
        {
            "# a stack\nconfig:\n  zcash-infra:cloud: gcp\n  zcash-infra:gcp:\n    region: us-central1\n\n\tproject: p\n",
            "# a stack\nconfig:\n  zcash-infra:cloud: gcp\n  zcash-infra:gcp:\n    project: p\n    region: us-central1\n\tzones: [a]\n",
        })
        {
            var error = Assert.Single(StackConfigFile.Parse("t", yaml, "Pulumi.t.yaml").Errors);
            Assert.StartsWith("Pulumi.t.yaml:7:1 (a tab in the indentation: YAML indents with spaces only): not valid YAML", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Settings_errors_name_the_file_and_the_line_of_the_key()
    {
        var result = StackYaml.WithBase("""
              zcash-infra:ciWorkers:
                minWorkers: 3
                maxWorkers: 1
            """);
        Assert.Contains("Pulumi.test.yaml:10: zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 3), got 1", result.LocatedErrors);
    }

    [Fact]
    public void Type_errors_say_what_to_do_about_quotes()
    {
        var quoted = StackYaml.WithBase("""
              zcash-infra:ciWorkers:
                maxWorkers: "2"
            """);
        StackYaml.AssertReports(quoted, "zcash-infra:ciWorkers.maxWorkers: must be a whole number, got '2' (a number: remove the quotes)");

        var unquoted = StackYaml.Parse("""
              zcash-infra:cloud: aws
              zcash-infra:aws:
                accountId: 123456789012
                region: us-east-1
                subnetIds: [subnet-1]
              zcash-infra:cluster:
                name: c
            """);
        StackYaml.AssertReports(unquoted, "zcash-infra:aws.accountId: must be a string, got 123456789012 (YAML read it as a number: quote it, \"123456789012\")");
    }

    [Fact]
    public void Keys_without_a_namespace_belong_to_the_project_and_unknown_namespaces_are_errors()
    {
        var bare = StackYaml.Parse("  cloud: existing\n");
        Assert.True(bare.IsValid, string.Join("\n", bare.Errors));

        var typo = StackYaml.Parse(StackYaml.GcpBase + "\n  zcash-infa:environment: production\n");
        Assert.Contains("zcash-infa:environment: unknown configuration namespace 'zcash-infa'", typo.Errors[0], StringComparison.Ordinal);
        Assert.True(StackYaml.Parse(StackYaml.GcpBase + "\n  gcp:project: other\n").IsValid);
    }

    [Fact]
    public void A_secure_value_is_carried_as_a_secret_and_never_printed()
    {
        const string ciphertext = "v1:4x5Rb0aZ7Pq+AAAAsecretcipher";
        var result = StackYaml.Parse($"""
              zcash-infra:cloud: existing
              zcash-infra:cluster:
                kubeconfig:
                  secure: {ciphertext}
            """);
        var settings = result.GetOrThrow();
        Assert.NotNull(settings.Cluster.Kubeconfig);
        Assert.False(settings.Cluster.Kubeconfig!.HasPlaintext);
        Assert.Equal(Secret.Mask, settings.Cluster.Kubeconfig.ToString());
        Assert.DoesNotContain(ciphertext, settings.ToString(), StringComparison.Ordinal);
        Assert.Equal(Secret.FromCiphertext(ciphertext), settings.Cluster.Kubeconfig);
    }

    [Fact]
    public void A_plain_value_where_a_secret_belongs_is_rejected_without_echoing_it()
    {
        var result = StackYaml.Parse("""
              zcash-infra:cloud: existing
              zcash-infra:cluster:
                kubeconfig: "apiVersion: v1 very-private"
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal("zcash-infra:cluster.kubeconfig: must be a secret: set it with `pulumi config set --secret --path cluster.kubeconfig <value>`", error);
        Assert.DoesNotContain("very-private", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secure_value_where_no_secret_belongs_is_rejected()
    {
        var result = StackYaml.Parse("""
              zcash-infra:cloud: existing
              zcash-infra:cluster:
                context:
                  secure: v1:abc
            """);
        Assert.Equal("zcash-infra:cluster.context: is not a secret setting; set it without --secret", Assert.Single(result.Errors));
    }
}
