using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

public class ValidateCommandTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_checked_in_stacks_validate(string stack)
    {
        var (exit, output, error) = CliRunner.Run("validate", stack, "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder);
        Assert.True(exit == 0, error);
        Assert.Contains($"stack '{stack}': settings valid", output, StringComparison.Ordinal);
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
