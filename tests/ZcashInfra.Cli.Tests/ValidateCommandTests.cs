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
        // prod ships example AWS values on purpose (see The_prod_example_fails_until_its_example_values_are_replaced); its shape is what is checked here.
        var (exit, output, error) = CliRunner.Run("validate", stack, "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed, "--allow-example-values");
        Assert.True(exit == 0, error);
        Assert.Contains($"stack '{stack}': settings valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_warns_when_its_mainnet_zebrad_halts_within_30_days()
    {
        // zebrad 7.2.0 halts after block 3,684,728, around 17 December 2026.
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed, "--allow-example-values");
        Assert.Equal(0, exit);
        Assert.Contains("! warning: zcash-infra:nodeSets[0].version: zebrad 7.2.0 halts on mainnet after height 3,684,728", error, StringComparison.Ordinal);
        Assert.Contains("! warning: zcash-infra:snapshotSchedule.cuts[0].version: (the snapshot job's node, version from nodeSets[0].version)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("nodeSets[1]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_stack_is_warned_about_each_image_it_runs_by_tag_alone_and_dev_is_not()
    {
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed, "--allow-example-values");
        Assert.Equal(0, exit);
        Assert.Contains("! warning: image without a digest in a production stack (its tag can be moved): zfnd/zebra:7.2.0 (used by prod/", error, StringComparison.Ordinal);

        var (devExit, _, devError) = CliRunner.Run("validate", "dev", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
        Assert.Equal(0, devExit);
        Assert.DoesNotContain("image without a digest", devError, StringComparison.Ordinal);
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
            var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", dir.FullName, "--schemas", TestSchemas.Folder, "--at", Reviewed, "--allow-example-values");
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
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", "2026-12-20", "--allow-example-values");
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
        var (exit, output, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed, "--allow-example-values");
        Assert.True(exit == 0, error);
        Assert.Contains("stack 'prod' needs on its cluster (not installed by this stack):", output, StringComparison.Ordinal);
        Assert.Contains("  - CRD ServiceMonitor.monitoring.coreos.com — the Prometheus Operator's CRDs", output, StringComparison.Ordinal);
        Assert.Contains("  - CSI driver ebs.csi.aws.com — the Amazon EBS CSI driver", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith("  - ", StringComparison.Ordinal) && line.Contains("keda.sh", StringComparison.Ordinal));
    }

    [Fact]
    public void The_prod_example_fails_until_its_example_values_are_replaced()
    {
        var (exit, _, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
        Assert.Equal(1, exit);
        Assert.Matches(@"\[example-values\] prod: Pulumi\.prod\.yaml:\d+: zcash-infra:aws\.accountId: 123456789012 — 123456789012 is an AWS documentation example account id; replace it with your own", error);
        Assert.Contains("zcash-infra:aws.subnetIds[0]: subnet-", error, StringComparison.Ordinal);

        var (devExit, devOut, devError) = CliRunner.Run("validate", "dev", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
        Assert.True(devExit == 0, devError);
        Assert.Contains("✓ documentation example values", devOut, StringComparison.Ordinal);
    }

    /// <summary>A green result says what it covers: settings, objects per schema set, indexes, policies, prerequisites.</summary>
    [Fact]
    public void Validate_lists_the_checks_that_ran()
    {
        var (exit, output, error) = CliRunner.Run("validate", "prod", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed, "--allow-example-values");
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
        var (exit, _, error) = CliRunner.Run("validate", "staging", "--project-dir", RepoPaths.Root, "--schemas", TestSchemas.Folder, "--at", Reviewed);
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
    public void A_typo_does_not_hide_the_value_problems_of_other_sections()
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
                  zcash-infra:nodeSets:
                    - name: a
                      network: testnet
                      version: 6.3.0
                      replicaz: 2
                  zcash-infra:ciWorkers:
                    minWorkers: 3
                    maxWorkers: 1
                  zcash-infra:snapshots:
                    keepSnapshots: 0
                """);
            var (exit, _, error) = CliRunner.Run("validate", "broken", "--project-dir", dir.FullName, "--schemas", TestSchemas.Folder);
            Assert.Equal(1, exit);
            Assert.Equal(
                [
                    "✗ stack 'broken': 3 configuration problem(s):",
                    "  Pulumi.broken.yaml:12: zcash-infra:nodeSets[0].replicaz: unknown key (expected one of: dbMajor, image, imageDigest, implementation, monitoring, name, network, peerGroup, replicas, resources, rollout, rpc, rpcPassword, snapshot, storage, version, zcashd)",
                    "  Pulumi.broken.yaml:17: zcash-infra:snapshots.keepSnapshots: must be ≥ 1, got 0",
                    "  Pulumi.broken.yaml:15: zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 3), got 1",
                ],
                error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
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
