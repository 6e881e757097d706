using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Tests.Settings;

public class SettingsValidationTests
{
    /// <summary>Each case: extra stack configuration on top of a valid GCP base, and the exact error it must produce.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "  zcash-infra:nodePools:\n    - {name: ci, role: ci, machineType: e2-standard-4, minNodes: 3, maxNodes: 1}", "zcash-infra:nodePools[0].maxNodes: must be ≥ minNodes (3), got 1" },
        { "  zcash-infra:nodePools:\n    - {name: nodes, role: nodes, machineType: e2-standard-4, minNodes: 0}", "zcash-infra:nodePools[0].minNodes: must be ≥ 1, got 0" },
        { "  zcash-infra:nodePools:\n    - {name: nodes, role: nodes, machineType: e2-standard-4, diskSizeGb: 10}", "zcash-infra:nodePools[0].diskSizeGb: must be ≥ 20, got 10" },
        { "  zcash-infra:nodePools:\n    - {name: nodes, role: workers, machineType: e2-standard-4}", "zcash-infra:nodePools[0].role: must be one of system, nodes, ci, got 'workers'" },
        { "  zcash-infra:environment: production\n  zcash-infra:nodePools:\n    - {name: nodes, role: nodes, machineType: e2-standard-4, spot: true}", "zcash-infra:nodePools[0].spot: spot capacity is not allowed for the nodes pool in production (a reclaimed node interrupts a full node)" },
        { "  zcash-infra:snapshots:\n    bucket: Bad_Bucket", "zcash-infra:snapshots.bucket: must be 3–63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit, got 'Bad_Bucket'" },
        { "  zcash-infra:snapshots:\n    bucket: google-things", "zcash-infra:snapshots.bucket: must not start with 'goog' (reserved by GCS)" },
        { "  zcash-infra:snapshots:\n    keepSnapshots: 0", "zcash-infra:snapshots.keepSnapshots: must be ≥ 1, got 0" },
        { "  zcash-infra:snapshots:\n    noncurrentVersionDays: 0", "zcash-infra:snapshots.noncurrentVersionDays: must be ≥ 1, got 0" },
        { "  zcash-infra:snapshots:\n    archiveMaxAgeDays: -1", "zcash-infra:snapshots.archiveMaxAgeDays: must be ≥ 0, got -1" },
        { "  zcash-infra:snapshots:\n    archiveMaxAgeDays: 1\n  zcash-infra:snapshotSchedule:\n    enabled: true\n    maxAgeHours: 24", "zcash-infra:snapshots.archiveMaxAgeDays: must keep archives for at least twice snapshotSchedule.maxAgeHours (24 h), or the latest snapshot could be deleted" },
        { "  zcash-infra:snapshotSchedule:\n    cron: every day", "zcash-infra:snapshotSchedule.cron: 'every day' is not a valid schedule: must have five fields (minute hour day-of-month month day-of-week), got 2" },
        { "  zcash-infra:snapshotSchedule:\n    maxAgeHours: 0", "zcash-infra:snapshotSchedule.maxAgeHours: must be ≥ 1, got 0" },
        { "  zcash-infra:tekton:\n    pipelinesVersion: '1.15'", "zcash-infra:tekton.pipelinesVersion: must be a release tag like v1.15.0, got '1.15'" },
        { "  zcash-infra:tekton:\n    pipelinesVersion: 1.15", "zcash-infra:tekton.pipelinesVersion: must be a string, got 1.15 (YAML read it as a number: quote it, \"1.15\")" },
        { "  zcash-infra:tekton:\n    triggersVersion: latest", "zcash-infra:tekton.triggersVersion: must be a release tag like v0.37.0, got 'latest'" },
        { "  zcash-infra:ciWorkers:\n    minWorkers: 5\n    maxWorkers: 2", "zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 5), got 2" },
        { "  zcash-infra:ciWorkers:\n    minWorkers: -1", "zcash-infra:ciWorkers.minWorkers: must be ≥ 0, got -1" },
        { "  zcash-infra:labels:\n    Team: infra", "zcash-infra:labels.Team: label keys must be 1–63 lowercase letters, digits, '_' or '-', starting with a letter" },
        { "  zcash-infra:labels:\n    team: Infra Team", "zcash-infra:labels.team: label values must be ≤ 63 lowercase letters, digits, '_' or '-', got 'Infra Team'" },
        { "  zcash-infra:aws:\n    accountId: '123'\n    region: us-east-1", "zcash-infra:aws: must not be set when cloud is gcp" },
        { "  zcash-infra:snapshotAgent:\n    image: ghcr.io/zcash-infra/snapshot-agent:latest", "zcash-infra:snapshotAgent.image: must be pinned by tag or digest (not :latest), got 'ghcr.io/zcash-infra/snapshot-agent:latest'" },
        { "  zcash-infra:protectState: maybe", "zcash-infra:protectState: must be true or false, got 'maybe'" },
        { "  zcash-infra:enviroment: production", "zcash-infra:enviroment: unknown key (expected one of: aws, ciWorkers, cloud, cluster, environment, gcp, labels, monitoring, namespace, nodePools, nodeSets, protectState, snapshotAgent, snapshotSchedule, snapshots, tekton)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_with_its_key_path(string extra, string expected)
    {
        StackYaml.AssertReports(StackYaml.WithBase(extra), expected);
    }

    [Fact]
    public void Cloud_specific_sections_are_required_and_checked()
    {
        var aws = StackYaml.Parse("  zcash-infra:cloud: aws\n  zcash-infra:aws:\n    accountId: '12345'\n    region: useast1\n");
        Assert.Contains("zcash-infra:aws.accountId: must be a 12-digit AWS account id, got '12345'", aws.Errors);
        Assert.Contains("zcash-infra:aws.region: must be an AWS region such as us-east-1, got 'useast1'", aws.Errors);
        Assert.Contains("zcash-infra:cluster.name: is required", aws.Errors);

        var gcp = StackYaml.Parse("  zcash-infra:cloud: gcp\n");
        Assert.Contains("zcash-infra:gcp: is required when cloud is gcp", gcp.Errors);

        var badGcp = StackYaml.Parse("  zcash-infra:cloud: gcp\n  zcash-infra:gcp:\n    project: X\n    region: us-central1\n    zones: [europe-west1-b]\n  zcash-infra:cluster:\n    name: c\n");
        Assert.Contains(badGcp.Errors, e => e.StartsWith("zcash-infra:gcp.project: must be a GCP project id", StringComparison.Ordinal));
        Assert.Contains("zcash-infra:gcp.zones[0]: must be a zone of region us-central1, got 'europe-west1-b'", badGcp.Errors);

        var existing = StackYaml.Parse("  zcash-infra:cloud: existing\n  zcash-infra:nodePools:\n    - {name: a, role: ci, machineType: x}\n");
        Assert.Contains("zcash-infra:nodePools: node pools need a cloud (gcp or aws); an existing cluster brings its own", existing.Errors);

        Assert.Contains("zcash-infra:cloud: is required", StackYaml.Parse("  zcash-infra:environment: production\n").Errors);

        var cluster = StackYaml.Parse("  zcash-infra:cloud: aws\n  zcash-infra:aws:\n    accountId: '123456789012'\n    region: us-east-1\n  zcash-infra:cluster:\n    name: c\n    location: us-east-1a\n    context: ''\n");
        Assert.Contains("zcash-infra:cluster.context: must not be empty", cluster.Errors);
        Assert.Contains("zcash-infra:cluster.location: is only meaningful when cloud is gcp", cluster.Errors);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicas: 0}
                - {name: b, network: nowhere, version: 6.3.0}
              zcash-infra:ciWorkers:
                minWorkers: 5
                maxWorkers: 2
              zcash-infra:tekton:
                pipelinesVersion: one
            """);

        // The unknown network is a shape error; the value rules still run on the rest of the file.
        Assert.Equal(
            [
                "zcash-infra:nodeSets[1].network: must be one of mainnet, testnet, regtest, got 'nowhere'",
                "zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0",
                "zcash-infra:tekton.pipelinesVersion: must be a release tag like v1.15.0, got 'one'",
                "zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 5), got 2",
            ], result.Errors);
        Assert.Null(result.Settings);
    }

    [Fact]
    public void Top_level_scalars_arrive_as_strings_from_pulumi_and_are_accepted()
    {
        var keys = new Dictionary<string, JsonNode?>
        {
            ["cloud"] = "existing",
            ["protectState"] = "true",
            ["ciWorkers"] = JsonNode.Parse("""{"enabled": true, "maxWorkers": 3, "master": {"host": "buildbot"}, "queue": {"serverAddress": "http://prometheus:9090"}}"""),
        };
        var settings = SettingsReader.Read("t", keys, SecretSource.Engine).GetOrThrow();
        Assert.True(settings.ShouldProtectState);
        Assert.Equal(3, settings.CiWorkers.MaxWorkers);
    }

    [Fact]
    public void Under_the_engine_secret_settings_arrive_decrypted_and_stay_secret()
    {
        var keys = new Dictionary<string, JsonNode?>
        {
            ["cloud"] = "existing",
            ["cluster"] = JsonNode.Parse("""{"kubeconfig": "apiVersion: v1"}"""),
        };
        var settings = SettingsReader.Read("t", keys, SecretSource.Engine).GetOrThrow();
        Assert.Equal("apiVersion: v1", settings.Cluster.Kubeconfig!.RevealForEngine());
        Assert.Equal("[secret]", settings.Cluster.Kubeconfig.ToString());
    }

    [Fact]
    public void Settings_round_trip_through_their_json_shape()
    {
        var original = StackConfigFile.Load(ZcashInfra.Tests.Shared.RepoPaths.Root, "prod").GetOrThrow();
        var keys = JsonSerializer.SerializeToNode(original, SettingsJson.Options)!.AsObject()
            .Where(kv => kv.Value is not null)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value!.DeepClone()));
        var again = SettingsReader.Read("prod", keys, SecretSource.Engine).GetOrThrow();

        Assert.Equal(
            JsonSerializer.Serialize(original, SettingsJson.Options),
            JsonSerializer.Serialize(again, SettingsJson.Options));
    }

    [Fact]
    public void Each_section_is_readable_the_way_Pulumi_Config_GetObject_reads_it()
    {
        // Config.GetObject<T>(key, options) is JsonSerializer.Deserialize<T>(value, options).
        var sets = JsonSerializer.Deserialize<NodeSetSettings[]>(
            """[{"name": "z", "network": "testnet", "version": "6.3.0", "replicas": 2}]""", SettingsJson.Options)!;
        Assert.Equal(2, sets[0].Replicas);
        Assert.Equal(Components.Zcash.NodeImplementation.Zebrad, sets[0].Implementation);
    }
}
