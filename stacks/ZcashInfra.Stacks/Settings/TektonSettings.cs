using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Tekton;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:tekton</c> — Tekton installed from its pinned release manifests, and the Zcash CI
/// pipelines triggered by GitHub webhooks.
/// </summary>
public sealed record TektonSettings
{
    /// <summary>Install Tekton and the CI pipelines. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>Tekton Pipelines release. Default v1.15.0 (LTS).</summary>
    public string PipelinesVersion { get; init; } = TektonReleases.DefaultPipelines;

    /// <summary>Tekton Triggers release. Default v0.37.0.</summary>
    public string TriggersVersion { get; init; } = TektonReleases.DefaultTriggers;

    /// <summary>Tekton Dashboard release (read-only). Default v0.72.0 (supports Pipelines v1.15 LTS).</summary>
    public string DashboardVersion { get; init; } = TektonReleases.DefaultDashboard;

    /// <summary>Expose the Dashboard through an Ingress (it has no login of its own); without one, reach it with a port-forward. Default: not exposed.</summary>
    public IngressSettings? DashboardIngress { get; init; }

    /// <summary>Pruning of finished runs.</summary>
    public TektonPruningSettings Pruning { get; init; } = new();

    /// <summary>GitHub repositories whose pushes and pull requests start runs.</summary>
    public IReadOnlyList<CiRepositorySettings> Repositories { get; init; } = [];

    /// <summary>The Secret (in the CI namespace) with the webhooks' shared secret.</summary>
    public SecretKeySettings WebhookSecret { get; init; } = new() { Name = "github-webhook", Key = "secret" };

    /// <summary>Expose the webhook receiver through an Ingress, so GitHub can reach it. Default: not exposed.</summary>
    public IngressSettings? WebhookIngress { get; init; }

    /// <summary>Build pull requests from forks (untrusted code on CI nodes). Default false.</summary>
    public bool ForkPullRequests { get; init; }

    /// <summary>Toolchain image for Zebra (Rust, clang, protoc), built from tools/ci-builders/zebra/Dockerfile.</summary>
    public string ZebradBuilder { get; init; } = Defaults.ZebradBuilder;

    /// <summary>Toolchain image for zcashd.</summary>
    public string ZcashdBuilder { get; init; } = Defaults.ZcashdBuilder;

    /// <summary>What build and unit-test steps request.</summary>
    public ResourceSettings BuildResources { get; init; } = new() { Cpu = Defaults.BuildResources.Cpu, Memory = Defaults.BuildResources.Memory };

    /// <summary>Size of each run's own volume. Default 60Gi.</summary>
    public string WorkspaceSize { get; init; } = Defaults.WorkspaceSize;

    /// <summary>The build cache.</summary>
    public BuildCacheSettings Cache { get; init; } = new();

    /// <summary>The integration step: the node just built, seeded from a snapshot, under RPC tests.</summary>
    public CiIntegrationSettings Integration { get; init; } = new();

    /// <summary>
    /// Node pipeline runs the CI namespace's volume quota must admit at once, besides the finished
    /// runs the pruner keeps (each holds its volume until pruned). Checked against
    /// <c>ciWorkers.quota</c> by the policy run-volumes-fit-quota. Default 4.
    /// </summary>
    public int ConcurrentRuns { get; init; } = 4;

    /// <summary>A docker config Secret (in the image namespace) to push the agent image with. Default registry-push.</summary>
    public string RegistrySecret { get; init; } = Defaults.RegistrySecret;

    private static CiPipelinesArgs Defaults { get; } = new() { Provider = string.Empty, Repositories = [] };

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value, example) in new[]
        {
            ("pipelinesVersion", PipelinesVersion, TektonReleases.DefaultPipelines),
            ("triggersVersion", TriggersVersion, TektonReleases.DefaultTriggers),
            ("dashboardVersion", DashboardVersion, TektonReleases.DefaultDashboard),
        })
        {
            errors.Require(TektonReleases.IsReleaseTag(value ?? string.Empty), path[key], $"must be a release tag like {example}, got '{value}'");
        }

        DashboardIngress?.Validate(path["dashboardIngress"], errors);
        WebhookIngress?.Validate(path["webhookIngress"], errors);
        Pruning.Validate(path["pruning"], errors);
        WebhookSecret.Validate(path["webhookSecret"], errors);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Repositories.Count; i++)
        {
            Repositories[i].Validate(path["repositories"][i], errors);
            if (Repositories[i].Name is { } name && !names.TryAdd(name, i))
            {
                errors.Add(path["repositories"][i]["name"], $"'{name}' is already used by {path["repositories"][names[name]]}");
            }
        }

        var agentRepositories = Repositories.Count(r => r.Build == CiBuild.SnapshotAgent);
        errors.Require(agentRepositories <= 1, path["repositories"], $"at most one repository may build snapshotAgent (they would push the same image), got {agentRepositories}");
        foreach (var (key, image) in new[] { ("zebradBuilder", ZebradBuilder), ("zcashdBuilder", ZcashdBuilder) })
        {
            errors.Require(!string.IsNullOrWhiteSpace(image) && !image.Any(char.IsWhiteSpace), path[key], $"must be an image reference, got '{image}'");
        }

        errors.Require(ZebradBuilder is null || !ZebraBuilder.LacksBuildDependencies(ZebradBuilder), path["zebradBuilder"],
            $"'{ZebradBuilder}' is the official Rust image, which lacks clang, libclang and protoc that Zebra's build needs; use {ZebraBuilder.DefaultImage} (built from {ZebraBuilder.Dockerfile}) or an image with them");
        BuildResources.Validate(path["buildResources"], errors);
        errors.AtLeast(ConcurrentRuns, 1, path["concurrentRuns"]);
        errors.Require(Quantity.Parse(WorkspaceSize) is > 0, path["workspaceSize"], Quantity.Rule(WorkspaceSize));
        Cache.Validate(path["cache"], errors);
        Integration.Validate(path["integration"], errors);
        errors.Require(KubernetesNames.IsDnsSubdomain(RegistrySecret ?? string.Empty), path["registrySecret"], KubernetesNames.DnsSubdomainRule(RegistrySecret ?? string.Empty));
    }
}
