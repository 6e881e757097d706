namespace ZcashInfra.Stacks.Tests.Settings;

public class CiWorkerSettingsTests
{
    private const string Enabled = """
          zcash-infra:ciWorkers:
            enabled: true
            master: {host: buildbot-master.zcash-ci}
            queue: {serverAddress: 'http://prometheus.monitoring:9090'}
        """;

    /// <summary>Each case: a <c>zcash-infra:ciWorkers</c> section on a valid GCP base, and the exact error it must produce.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { Enabled + "\n    minWorkers: 5\n    maxWorkers: 2", "zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 5), got 2" },
        { Enabled + "\n    maxWorkers: 0", "zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 0), got 0" },
        { "  zcash-infra:ciWorkers:\n    enabled: true\n    master: {host: buildbot}", "zcash-infra:ciWorkers.queue.serverAddress: is required when ciWorkers is enabled: KEDA scales the workers on this Prometheus" },
        { "  zcash-infra:ciWorkers:\n    enabled: true\n    queue: {serverAddress: 'http://prometheus:9090'}", "zcash-infra:ciWorkers.master.host: is required when ciWorkers is enabled" },
        { "  zcash-infra:ciWorkers:\n    queue: {serverAddress: 'prometheus:9090'}", "zcash-infra:ciWorkers.queue.serverAddress: must be an absolute http or https URL, got 'prometheus:9090'" },
        { "  zcash-infra:ciWorkers:\n    queue: {serverAddress: 'http://p:9090', threshold: 0}", "zcash-infra:ciWorkers.queue.threshold: must be > 0, got 0" },
        { "  zcash-infra:ciWorkers:\n    queue: {serverAddress: 'http://p:9090', query: ' '}", "zcash-infra:ciWorkers.queue.query: is required" },
        { Enabled + "\n    keda: {version: '2.19'}", "zcash-infra:ciWorkers.keda.version: must be a release tag like v2.19.0, got '2.19'" },
        { Enabled + "\n    image: docker.io/buildbot/buildbot-worker", "zcash-infra:ciWorkers.image: must be pinned by tag or digest (not :latest), got 'docker.io/buildbot/buildbot-worker'" },
        { "  zcash-infra:ciWorkers:\n    master: {host: buildbot, port: 0}", "zcash-infra:ciWorkers.master.port: must be a port number (1–65535), got 0" },
        { Enabled + "\n    workerSecret: {name: buildbot, key: 'pass word'}", "zcash-infra:ciWorkers.workerSecret.key: must be a Secret key (letters, digits, '-', '_' or '.'), got 'pass word'" },
        { Enabled + "\n    resources: {cpu: 2, memory: 4Gi}", "zcash-infra:ciWorkers.resources.cpu: must be a string, got 2 (YAML read it as a number: quote it, \"2\")" },
        { Enabled + "\n    drainTimeoutSeconds: 10", "zcash-infra:ciWorkers.drainTimeoutSeconds: must be ≥ 30, got 10" },
        { Enabled + "\n    cooldownSeconds: -1", "zcash-infra:ciWorkers.cooldownSeconds: must be ≥ 0, got -1" },
        { Enabled + "\n    scaleDownStabilizationSeconds: -5", "zcash-infra:ciWorkers.scaleDownStabilizationSeconds: must be ≥ 0, got -5" },
        { Enabled + "\n    warmCapacity: {placeholders: -1}", "zcash-infra:ciWorkers.warmCapacity.placeholders: must be ≥ 0, got -1" },
        { Enabled + "\n    warmCapacity: {size: {cpu: '4', memory: 8GB}}", "zcash-infra:ciWorkers.warmCapacity.size.memory: must be a Kubernetes quantity such as 500m, 2, 512Mi or 16Gi, got '8GB'" },
        { Enabled + "\n    quota: {pods: 0}", "zcash-infra:ciWorkers.quota.pods: must be ≥ 1, got 0" },
        { Enabled + "\n    maxWorkers: 6\n    quota: {requestsCpu: '8'}", "zcash-infra:ciWorkers.quota.requestsCpu: must be ≥ 12 (maxWorkers 6 × 2), got 8" },
        { Enabled + "\n    maxWorkers: 6\n    quota: {requestsMemory: 16Gi}\n  zcash-infra:tekton:\n    enabled: true", "zcash-infra:ciWorkers.quota.requestsMemory: must be ≥ 36Gi (maxWorkers 6 × 4Gi + one Tekton build of 12Gi), got 16Gi" },
        { "  zcash-infra:ciWorkers:\n    quota: {requestsCpu: '2'}\n  zcash-infra:tekton:\n    enabled: true", "zcash-infra:ciWorkers.quota.requestsCpu: must be ≥ 4 (one Tekton build of 4), got 2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_with_its_key_path(string section, string expected)
    {
        StackYaml.AssertReports(StackYaml.WithBase(section), expected);
    }

    [Fact]
    public void Disabled_workers_need_no_master_or_prometheus()
    {
        var settings = StackYaml.WithBase("  zcash-infra:ciWorkers:\n    minWorkers: 0\n").GetOrThrow().CiWorkers;
        Assert.False(settings.Enabled);
        Assert.Null(settings.Queue.ServerAddress);
        Assert.Null(settings.Master.Host);
    }

    [Fact]
    public void Enabled_workers_with_a_master_and_prometheus_are_valid_with_the_documented_defaults()
    {
        var settings = StackYaml.WithBase(Enabled).GetOrThrow().CiWorkers;
        Assert.Equal(0, settings.MinWorkers);
        Assert.Equal(4, settings.MaxWorkers);
        Assert.Equal(9989, settings.Master.Port);
        Assert.True(settings.Keda.Install);
        Assert.Equal("v2.19.0", settings.Keda.Version);
        Assert.Equal(0, settings.WarmCapacity.Placeholders);
        Assert.Equal(1, settings.Queue.Threshold);
        Assert.Equal("1", settings.Queue.ToArgs().Threshold);
        Assert.Equal(300, settings.CooldownSeconds);
        Assert.Equal(600, settings.ScaleDownStabilizationSeconds);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = StackYaml.WithBase("  zcash-infra:ciWorkers:\n    enabled: true\n    minWorkers: 5\n    maxWorkers: 2\n    keda: {version: x}\n");
        Assert.Equal(
        [
            "zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 5), got 2",
            "zcash-infra:ciWorkers.master.host: is required when ciWorkers is enabled",
            "zcash-infra:ciWorkers.queue.serverAddress: is required when ciWorkers is enabled: KEDA scales the workers on this Prometheus",
            "zcash-infra:ciWorkers.keda.version: must be a release tag like v2.19.0, got 'x'",
        ], result.Errors);
    }
}
