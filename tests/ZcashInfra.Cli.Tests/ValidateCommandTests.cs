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
        // prod ships example AWS values on purpose (see the next test); its shape is what is checked here.
        var (exit, output, error) = CliRunner.Run("validate", stack, "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--allow-example-values");
        Assert.True(exit == 0, error);
        Assert.Contains($"stack '{stack}': settings valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prod_example_fails_until_its_example_values_are_replaced()
    {
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder);
        Assert.Equal(1, exit);
        Assert.Matches(@"\[example-values\] prod: Pulumi\.prod\.yaml:\d+: zcash-infra:aws\.accountId: 123456789012 — 123456789012 is an AWS documentation example account id; replace it with your own", error);
        Assert.Contains("zcash-infra:aws.subnetIds[0]: subnet-", error, StringComparison.Ordinal);

        var (devExit, devOut, devError) = CliRunner.Run("validate", "dev", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder);
        Assert.True(devExit == 0, devError);
        Assert.Contains("✓ documentation example values", devOut, StringComparison.Ordinal);
    }

    /// <summary>A green result says what it covers: settings, objects per schema set, indexes, policies, prerequisites.</summary>
    [Fact]
    public void Validate_lists_the_checks_that_ran()
    {
        var (exit, output, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--allow-example-values");
        Assert.True(exit == 0, error);
        Assert.Contains("  ✓ settings of Pulumi.prod.yaml\n", output, StringComparison.Ordinal);
        Assert.Matches(@"  ✓ \d+ Kubernetes objects against their schemas: .*\d+ × kubernetes/v1\.34\.0-standalone-strict.*\d+ × tekton/pipeline-v1\.15\.0", output);
        Assert.Matches(@"  ✓ \d+ cloud resources against the provider indexes: \d+ × pulumi/aws-v[0-9.]+\.json\n", output);
        Assert.Contains($"  ✓ {Components.Policies.PolicySet.All.Count} policies: durable-data-stores, ", output, StringComparison.Ordinal);
        Assert.Contains("prerequisites not checkable offline: the CRDs of ", output, StringComparison.Ordinal);
        Assert.Contains("tekton.dev", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stack_lists_the_stacks_that_exist()
    {
        var (exit, _, error) = CliRunner.Run("validate", "staging", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder);
        Assert.Equal(1, exit);
        Assert.Contains("'staging' is not a stack of this project (the stacks here are: dev, ", error, StringComparison.Ordinal);
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
    public void Without_schemas_validation_fails_and_says_so()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-schemas-" + Guid.NewGuid().ToString("N"));
        var (exit, _, error) = CliRunner.Run("validate", "dev", "--project-dir", RepoPaths.Root, "--schemas", missing);
        Assert.Equal(2, exit);
        Assert.Contains("cannot validate", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    /// <summary>../shared/schemas beside a repository is used when it holds every locked file; a stale one is passed over.</summary>
    [Fact]
    public void Schemas_beside_the_repository_count_only_when_they_match_the_lock()
    {
        var root = Directory.CreateTempSubdirectory("locate-");
        try
        {
            var repo = Directory.CreateDirectory(Path.Combine(root.FullName, "repo", "scripts")).Parent!.FullName;
            File.WriteAllText(Path.Combine(repo, "ZcashInfra.sln"), string.Empty);
            File.Copy(RepoPaths.At(SchemaLock.RelativePath), Path.Combine(repo, SchemaLock.RelativePath));
            var shared = Directory.CreateDirectory(Path.Combine(root.FullName, "shared", "schemas")).FullName;
            var entries = SchemaLock.Read(RepoPaths.At(SchemaLock.RelativePath)).Entries;
            File.WriteAllLines(Path.Combine(shared, SchemaLock.SumsFile), entries.Select(e => $"{e.Sha256}  ./{e.Path}"));

            Assert.Equal(shared, SchemaLocator.Locate(startDirectory: repo));

            File.WriteAllLines(Path.Combine(shared, SchemaLock.SumsFile), entries.Skip(1).Select(e => $"{e.Sha256}  ./{e.Path}"));
            try
            {
                Assert.NotEqual(shared, SchemaLocator.Locate(startDirectory: repo));
            }
            catch (SchemasNotFoundException e)
            {
                Assert.Contains($"lacks 1 file(s) of {SchemaLock.RelativePath}, e.g. {entries[0].Path}", e.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
