using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

public class ValidateCommandTests
{
    /// <summary>The day the stacks' pins were last reviewed (a fixed clock: tests must not change verdict with the calendar).</summary>
    private const string Reviewed = "2026-12-06";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_checked_in_stacks_validate(string stack)
    {
        var (exit, output, error) = CliRunner.Run("validate", stack, "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
        Assert.True(exit == 0, error);
        Assert.Contains($"stack '{stack}': settings valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_warns_when_its_mainnet_zebrad_halts_within_30_days()
    {
        // zebrad 7.2.0 halts after block 3,684,728, around 17 December 2026.
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
        Assert.Equal(0, exit);
        Assert.Contains("! warning: zcash-infra:nodeSets[0].version: zebrad 7.2.0 halts on mainnet after height 3,684,728", error, StringComparison.Ordinal);
        Assert.Contains("! warning: zcash-infra:snapshotSchedule.cuts[0].version: (the snapshot job's node, version from nodeSets[0].version)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("nodeSets[1]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_fails_naming_the_key_and_the_halt_height_when_its_mainnet_zebrad_is_set_back_to_6_3_0()
    {
        var dir = Directory.CreateTempSubdirectory("stack-");
        try
        {
            var prod = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml"));
            var mainnet = prod.IndexOf("network: mainnet", StringComparison.Ordinal);
            var pin = prod.IndexOf("version: 7.2.0", mainnet, StringComparison.Ordinal);
            Assert.True(mainnet > 0 && pin > mainnet, "Pulumi.prod.yaml no longer pins its mainnet node set as expected");
            File.WriteAllText(Path.Combine(dir.FullName, "Pulumi.prod.yaml"), prod[..pin] + "version: 6.3.0" + prod[(pin + "version: 7.2.0".Length)..]);
            var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", dir.FullName, "--schemas", TestSchemas.Folder, "--at", Reviewed);
            Assert.Equal(1, exit);
            Assert.Contains("[end-of-support] zcash-infra:nodeSets[0].version: zebrad 6.3.0 refuses to run on mainnet once the tip passes height 3,564,960", error, StringComparison.Ordinal);
            Assert.Contains("[end-of-support] zcash-infra:snapshotSchedule.cuts[0].version:", error, StringComparison.Ordinal);

            // Testnet is exempt: the testnet node set keeps its pin without a finding.
            Assert.DoesNotContain("nodeSets[1]", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_checked_in_prod_fails_once_its_pins_halt()
    {
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", "2026-12-20");
        Assert.Equal(1, exit);
        Assert.Contains("[end-of-support] zcash-infra:nodeSets[0].version: zebrad 7.2.0 refuses to run on mainnet once the tip passes height 3,684,728", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_moment_is_refused()
    {
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", "soon");
        Assert.Equal(2, exit);
        Assert.Contains("--at: 'soon' is not an ISO 8601 date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_states_what_the_cluster_must_already_have()
    {
        var (exit, output, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
        Assert.True(exit == 0, error);
        Assert.Contains("stack 'prod' needs on its cluster (not installed by this stack):", output, StringComparison.Ordinal);
        Assert.Contains("  - CRD ServiceMonitor.monitoring.coreos.com — the Prometheus Operator's CRDs", output, StringComparison.Ordinal);
        Assert.Contains("  - CSI driver ebs.csi.aws.com — the Amazon EBS CSI driver", output, StringComparison.Ordinal);
        Assert.DoesNotContain("keda.sh", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_settings_exit_non_zero_and_list_every_problem()
    {
        var dir = Directory.CreateTempSubdirectory("stack-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "Pulumi.broken.yaml"), """
                config:
                  zcash-infra:cloud: gcp
                  zcash-infra:gcp:
                    project: zcash-infra-test
                    region: us-central1
                  zcash-infra:cluster:
                    name: c
                  zcash-infra:ciWorkers:
                    minWorkers: 3
                    maxWorkers: 1
                  zcash-infra:snapshots:
                    keepSnapshots: 0
                """);
            var (exit, _, error) = CliRunner.Run("validate", "broken", "--project-dir", dir.FullName, "--schemas", TestSchemas.Folder);
            Assert.Equal(1, exit);
            Assert.Contains("2 configuration problem(s)", error, StringComparison.Ordinal);
            Assert.Contains("zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 3), got 1", error, StringComparison.Ordinal);
            Assert.Contains("zcash-infra:snapshots.keepSnapshots: must be ≥ 1, got 0", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_stack_that_does_not_state_what_its_cluster_provides_fails_with_each_missing_prerequisite()
    {
        var dir = Directory.CreateTempSubdirectory("stack-");
        try
        {
            var prod = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml")).Where(l => !l.TrimStart().StartsWith("provides:", StringComparison.Ordinal));
            File.WriteAllLines(Path.Combine(dir.FullName, "Pulumi.prod.yaml"), prod);
            var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", dir.FullName, "--schemas", TestSchemas.Folder);
            Assert.Equal(1, exit);
            Assert.Contains("[prerequisite] prod/node-pools/node-pools-system: clusterAutoscaler: node group system may grow from 2 to 3 nodes", error, StringComparison.Ordinal);
            Assert.Contains("[prerequisite] prod/zebra-mainnet/zebra-mainnet-service-monitor: prometheusOperator:", error, StringComparison.Ordinal);
            Assert.Contains("list defaultStorageClass in zcash-infra:cluster.provides", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_schemas_validation_fails_and_says_so()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-schemas-" + Guid.NewGuid().ToString("N"));
        var (exit, _, error) = CliRunner.Run("validate", "dev", "--project-dir", RepoPaths.Root, "--schemas", missing);
        Assert.Equal(2, exit);
        Assert.Contains("cannot validate", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_are_found_beside_the_repository_by_default()
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "schemas")), SchemaLocator.Locate(startDirectory: RepoPaths.Root));
    }
}
