using System.Collections.Immutable;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.Tekton;

/// <summary>Arguments of <see cref="TektonComponent"/>: the Tekton install and the pruning of old runs.</summary>
public sealed record TektonArgs
{
    /// <summary>Graph path of the Kubernetes provider. Set by the stack, or by the Pulumi wrapper from its provider argument; a path the graph lacks fails the declaration.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Tekton Pipelines release tag. Default <see cref="TektonReleases.DefaultPipelines"/>.</summary>
    public string PipelinesVersion { get; init; } = TektonReleases.DefaultPipelines;

    /// <summary>Tekton Triggers release tag. Default <see cref="TektonReleases.DefaultTriggers"/>.</summary>
    public string TriggersVersion { get; init; } = TektonReleases.DefaultTriggers;

    /// <summary>Tekton Dashboard release tag; null installs no Dashboard. Default <see cref="TektonReleases.DefaultDashboard"/>.</summary>
    public string? DashboardVersion { get; init; } = TektonReleases.DefaultDashboard;

    /// <summary>Expose the Dashboard through an Ingress at this host. Default null: not exposed (reach it with a port-forward).</summary>
    public IngressArgs? DashboardIngress { get; init; }

    /// <summary>Namespaces whose finished runs are pruned. Default the CI namespace.</summary>
    public ImmutableArray<string> RunNamespaces { get; init; } = [Namespaces.Ci];

    /// <summary>Graph paths of those namespaces' objects, which the pruner's objects depend on. Default none.</summary>
    public ImmutableArray<string> NamespacePaths { get; init; } = [];

    /// <summary>
    /// Graph paths the install waits for: the node pool its controllers and pruner run on, when the
    /// stack declares one (their pods would otherwise be created before any node can take them). Default none.
    /// </summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>How old runs are pruned. Default: hourly, keeping 20 per pipeline.</summary>
    public RunPruningArgs Pruning { get; init; } = new();
}

/// <summary>Pruning of finished PipelineRuns and TaskRuns.</summary>
public sealed record RunPruningArgs
{
    /// <summary>
    /// The image the pruner runs: kubectl and a POSIX shell (kubectl's own image has no shell).
    /// Default docker.io/alpine/k8s:1.34.1. Tag source: alpine/k8s tags follow kubectl's version
    /// without a v (e.g. alpine/k8s:1.30.0 in published Renovate updates); 1.34.1 itself was not
    /// confirmed from a published tag list, and no digest is pinned (none could be confirmed).
    /// </summary>
    public const string DefaultImage = "docker.io/alpine/k8s:1.34.1";

    /// <summary>Cron schedule (UTC). Default hourly at minute 17.</summary>
    public string Schedule { get; init; } = "17 * * * *";

    /// <summary>Finished runs kept per pipeline (and per task for runs outside pipelines). Default 20.</summary>
    public int KeepRuns { get; init; } = 20;

    /// <summary>The pruner's image. Default <see cref="DefaultImage"/>.</summary>
    public string Image { get; init; } = DefaultImage;
}

/// <summary>What the Tekton install gives the components that build on it.</summary>
/// <param name="ComponentPath">Graph path of the component.</param>
/// <param name="PipelinesPath">The Pipelines release (its CRDs: Task, Pipeline, PipelineRun).</param>
/// <param name="FeatureFlagsPath">The patch of Pipelines' feature flags.</param>
/// <param name="TriggersPath">The Triggers release (EventListener, TriggerBinding, TriggerTemplate CRDs).</param>
/// <param name="InterceptorsPath">Triggers' core interceptors (github, cel).</param>
/// <param name="DashboardService">The Dashboard's Service as <c>namespace/name</c>, when installed.</param>
public sealed record TektonOutputs(
    string ComponentPath,
    string PipelinesPath,
    string FeatureFlagsPath,
    string TriggersPath,
    string InterceptorsPath,
    string? DashboardService)
{
    /// <summary>Everything Tekton objects need to exist first.</summary>
    public ImmutableArray<string> Ready => [PipelinesPath, FeatureFlagsPath, TriggersPath, InterceptorsPath];
}
