using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks.Tests.Settings;

public class TektonSettingsTests
{
    private const string Repositories = """
          zcash-infra:tekton:
            enabled: true
            repositories:
        """;

    /// <summary>Each case: a <c>zcash-infra:tekton</c> section on a valid GCP base, and the exact error it must produce.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "  zcash-infra:tekton:\n    pipelinesVersion: v1.15", "zcash-infra:tekton.pipelinesVersion: must be a release tag like v1.15.0, got 'v1.15'" },
        { "  zcash-infra:tekton:\n    triggersVersion: main", "zcash-infra:tekton.triggersVersion: must be a release tag like v0.37.0, got 'main'" },
        { "  zcash-infra:tekton:\n    dashboardVersion: latest", "zcash-infra:tekton.dashboardVersion: must be a release tag like v0.72.0, got 'latest'" },
        { Repositories + "\n      - {name: zebra, url: 'https://gitlab.com/zcash/zebra', build: zebrad}", "zcash-infra:tekton.repositories[0].url: must be https://github.com/<owner>/<repository>, got 'https://gitlab.com/zcash/zebra'" },
        { Repositories + "\n      - {name: zebra, url: 'https://github.com/ZcashFoundation', build: zebrad}", "zcash-infra:tekton.repositories[0].url: must be https://github.com/<owner>/<repository>, got 'https://github.com/ZcashFoundation'" },
        { Repositories + "\n      - {name: Zebra, url: 'https://github.com/ZcashFoundation/zebra', build: zebrad}", "zcash-infra:tekton.repositories[0].name: must be a DNS label of at most 40 characters (run names add a suffix), got 'Zebra'" },
        { Repositories + "\n      - {name: zebra, url: 'https://github.com/ZcashFoundation/zebra', build: rust}", "zcash-infra:tekton.repositories[0].build: must be one of zebrad, zcashd, snapshotAgent, preview, got 'rust'" },
        { Repositories + "\n      - {name: zebra, url: 'https://github.com/ZcashFoundation/zebra', build: zebrad}\n      - {name: zebra, url: 'https://github.com/zcash/zcash', build: zcashd}", "zcash-infra:tekton.repositories[1].name: 'zebra' is already used by zcash-infra:tekton.repositories[0]" },
        { Repositories + "\n      - {name: a, url: 'https://github.com/o/a', build: snapshotAgent}\n      - {name: b, url: 'https://github.com/o/b', build: snapshotAgent}", "zcash-infra:tekton.repositories: at most one repository may build snapshotAgent (they would push the same image), got 2" },
        { "  zcash-infra:tekton:\n    pruning:\n      schedule: hourly", "zcash-infra:tekton.pruning.schedule: 'hourly' is not a valid schedule: must have five fields (minute hour day-of-month month day-of-week), got 1" },
        { "  zcash-infra:tekton:\n    pruning:\n      keep: 0", "zcash-infra:tekton.pruning.keep: must be ≥ 1, got 0" },
        { "  zcash-infra:tekton:\n    pruning:\n      image: docker.io/alpine/k8s:latest", "zcash-infra:tekton.pruning.image: must be pinned by tag or digest (not :latest), got 'docker.io/alpine/k8s:latest'" },
        { "  zcash-infra:tekton:\n    webhookSecret: {name: GitHub_Secret, key: secret}", "zcash-infra:tekton.webhookSecret.name: must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, got 'GitHub_Secret'" },
        { "  zcash-infra:tekton:\n    webhookSecret: {name: github}", "zcash-infra:tekton.webhookSecret.key: is required" },
        { "  zcash-infra:tekton:\n    dashboardIngress: {host: dashboard}", "zcash-infra:tekton.dashboardIngress.host: must be a fully qualified host name such as ci.example.org, got 'dashboard'" },
        { "  zcash-infra:tekton:\n    webhookIngress: {host: hooks.example.org, ingressClassName: Nginx}", "zcash-infra:tekton.webhookIngress.ingressClassName: must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, got 'Nginx'" },
        { "  zcash-infra:tekton:\n    buildResources: {cpu: lots, memory: 12Gi}", "zcash-infra:tekton.buildResources.cpu: must be a Kubernetes quantity such as 500m, 2, 512Mi or 16Gi, got 'lots'" },
        { "  zcash-infra:tekton:\n    workspaceSize: 60 GB", "zcash-infra:tekton.workspaceSize: must be a Kubernetes quantity such as 500m, 2, 512Mi or 16Gi, got '60 GB'" },
        { "  zcash-infra:tekton:\n    cache: {accessMode: ReadWriteOnce}", "zcash-infra:tekton.cache.accessMode: must be one of perRun, readWriteOnce, readWriteMany, got 'ReadWriteOnce'" },
        { "  zcash-infra:tekton:\n    cache: {accessMode: readWriteOnce}", "zcash-infra:tekton.cache.accessMode: readWriteOnce attaches to one node at a time: runs on other nodes would wait on Multi-Attach errors; use perRun (each run caches on its own volume) or readWriteMany with a ReadWriteMany storageClass" },
        { "  zcash-infra:tekton:\n    cache: {accessMode: readWriteMany}", "zcash-infra:tekton.cache.storageClass: readWriteMany needs a ReadWriteMany storage class (GKE: Filestore's standard-rwx; EKS: an EFS class)" },
        { "  zcash-infra:tekton:\n    integration: {zcashdIndex: 'https://example.org/zcashd/snapshots.json'}", "zcash-infra:tekton.integration.zcashdDbMajor: is required with zcashdIndex (the restore checks it)" },
        { "  zcash-infra:tekton:\n    integration: {zebradIndex: 'ftp://example.org/snapshots.json'}", "zcash-infra:tekton.integration.zebradIndex: must be an absolute https or http URL of a snapshots.json, got 'ftp://example.org/snapshots.json'" },
        { "  zcash-infra:tekton:\n    integration: {height: -1}", "zcash-infra:tekton.integration.height: must be ≥ 0, got -1" },
        { "  zcash-infra:tekton:\n    registrySecret: ''", "zcash-infra:tekton.registrySecret: must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, got ''" },
        { "  zcash-infra:tekton:\n    zebradBuilder: docker.io/library/rust:1.89-bookworm", "zcash-infra:tekton.zebradBuilder: 'docker.io/library/rust:1.89-bookworm' is the official Rust image, which lacks clang, libclang and protoc that Zebra's build needs; use ghcr.io/zcash-infra/zebra-builder:rust-1.91.0 (built from tools/ci-builders/zebra/Dockerfile) or an image with them" },
        { "  zcash-infra:tekton:\n    concurrentRuns: 0", "zcash-infra:tekton.concurrentRuns: must be ≥ 1, got 0" },
        { "  zcash-infra:tekton:\n    dashbord: {}", "zcash-infra:tekton.dashbord: unknown key (expected one of: buildResources, cache, concurrentRuns, dashboardIngress, dashboardVersion, enabled, forkPullRequests, integration, pipelinesVersion, pruning, registrySecret, repositories, triggersVersion, webhookIngress, webhookSecret, workspaceSize, zcashdBuilder, zebradBuilder)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_with_its_key_path(string section, string expected)
    {
        StackYaml.AssertReports(StackYaml.WithBase(section), expected);
    }

    [Fact]
    public void The_defaults_are_the_components_defaults_and_valid()
    {
        var tekton = StackYaml.WithBase("  zcash-infra:tekton:\n    enabled: true\n").GetOrThrow().Tekton;
        var pipelines = new CiPipelinesArgs { Provider = "p", Repositories = [] };
        Assert.Equal(TektonReleases.DefaultPipelines, tekton.PipelinesVersion);
        Assert.Equal("v1.15.0", tekton.PipelinesVersion);
        Assert.Equal("v0.37.0", tekton.TriggersVersion);
        Assert.Equal(TektonReleases.DefaultDashboard, tekton.DashboardVersion);
        Assert.Null(tekton.DashboardIngress);
        Assert.Null(tekton.WebhookIngress);
        Assert.False(tekton.ForkPullRequests);
        Assert.Empty(tekton.Repositories);
        Assert.Equal(pipelines.ZebradBuilder, tekton.ZebradBuilder);
        Assert.Equal(pipelines.BuildResources, tekton.BuildResources.ToArgs());
        Assert.Equal(pipelines.Cache, tekton.Cache.ToArgs());
        Assert.Equal(pipelines.WebhookSecret, tekton.WebhookSecret.ToArgs());
        Assert.Equal(new RunPruningArgs(), tekton.Pruning.ToArgs());
        Assert.Equal(pipelines.Integration with { NodeResources = tekton.Integration.NodeResources.ToArgs() }, tekton.Integration.ToArgs());
    }

    [Fact]
    public void A_repository_url_with_dot_git_is_accepted_and_names_its_repository()
    {
        var settings = StackYaml.WithBase(Repositories + "\n      - {name: zcashd, url: 'https://github.com/zcash/zcash.git', build: zcashd}").GetOrThrow();
        var repository = Assert.Single(settings.Tekton.Repositories).ToArgs();
        Assert.Equal("zcash/zcash", repository.FullName);
        Assert.Equal(CiBuild.Zcashd, repository.Build);
    }
}
