using System.Text.Json.Nodes;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks;

/// <summary>
/// The CI part of a stack: Tekton and the Zcash pipelines (<c>tekton</c>), the autoscaled Buildbot
/// workers (<c>ciWorkers</c>), and the CI namespace's quota whenever either is enabled.
/// </summary>
internal static class CiEnvironment
{
    /// <summary>
    /// The image namespace's quota: <see cref="CiPipelinesArgs.ConcurrentImageBuilds"/> builds at
    /// once, and the volumes of every image run the pruner keeps (a run's claim lives until the run
    /// is deleted), so pruning and quota agree by construction.
    /// </summary>
    internal static CiQuota ImageBuildQuota(int keepRuns)
    {
        var claims = keepRuns + CiPipelinesArgs.ConcurrentImageBuilds;
        return new("8", "16Gi", 10, claims, Quantity.Multiply(CiPipelinesArgs.ImageWorkspaceSize, claims));
    }

    /// <summary>
    /// Declares the CI components into the CI namespace (already declared at <paramref name="ciNamespace"/>).
    /// Returns what other Tekton objects must wait for: the installed Tekton (empty when it is off).
    /// </summary>
    /// <param name="graph">The stack's graph.</param>
    /// <param name="settings">The stack's settings.</param>
    /// <param name="providers">The explicit providers.</param>
    /// <param name="ciNamespace">Graph path of the CI namespace.</param>
    /// <param name="pools">The stack's node pools: CI work waits for the ci pool, CI services for the system pool.</param>
    /// <param name="stack">The stack's name (the preview pipeline's pulumi preview runs for it).</param>
    public static IReadOnlyList<string> Declare(GraphBuilder graph, StackSettings settings, StackProviders providers, string ciNamespace, StackPools pools, string stack)
    {
        var root = graph.Root;
        var tekton = settings.Tekton;
        var workers = settings.CiWorkers;
        var k8s = providers.Kubernetes;

        // Image builds need root in their container (kaniko), which only a baseline namespace admits;
        // it exists only when a repository builds the agent image.
        var imagesNamespace = tekton.Enabled && tekton.Repositories.Any(r => r.Build == CiBuild.SnapshotAgent)
            ? Namespaces.Declare(root, "namespace-zcash-ci-images", Namespaces.CiImages, k8s, "zcash-ci", PodSecurityLevel.Baseline)
            : null;

        string? warmCapacityClass = null;
        if (workers.Enabled)
        {
            var outputs = CiWorkersComponent.Declare(root, "ci-workers", new CiWorkersArgs
            {
                Provider = k8s,
                MasterHost = workers.Master.Host!,
                MasterPort = workers.Master.Port,
                Queue = workers.Queue.ToArgs(),
                DependsOn = [ciNamespace, .. pools.For(PoolRole.Ci)],
                Image = workers.Image,
                RunAsUser = workers.RunAsUser,
                WorkerPassword = workers.WorkerSecret.ToArgs(),
                Resources = workers.Resources.ToArgs(),
                MinWorkers = workers.MinWorkers,
                MaxWorkers = workers.MaxWorkers,
                PollingIntervalSeconds = workers.PollingIntervalSeconds,
                CooldownSeconds = workers.CooldownSeconds,
                ScaleDownStabilizationSeconds = workers.ScaleDownStabilizationSeconds,
                DrainTimeoutSeconds = workers.DrainTimeoutSeconds,
                Keda = workers.Keda.ToArgs(),
                WarmCapacity = workers.WarmCapacity.ToArgs(),
            });
            warmCapacityClass = outputs.PriorityClass;
            graph.StackOutput("ciWorkerStatefulSet", outputs.StatefulSet);
            graph.StackOutput("ciWorkerNames", new JsonArray([.. outputs.WorkerNames.Select(n => (JsonNode)n)]));
        }

        CiNamespaceLimits.Declare(root, "ci-limits", new CiNamespaceLimitsArgs
        {
            Provider = k8s,
            Namespace = Namespaces.Ci,
            Quota = workers.Quota.ToArgs(),
            ExcludedPriorityClass = warmCapacityClass,
            ConcurrentRuns = tekton.Enabled ? tekton.ConcurrentRuns : null,
            DependsOn = [ciNamespace],
        });
        if (imagesNamespace is not null)
        {
            CiNamespaceLimits.Declare(root, "ci-images-limits", new CiNamespaceLimitsArgs
            {
                Provider = k8s,
                Namespace = Namespaces.CiImages,
                Quota = ImageBuildQuota(tekton.Pruning.Keep),
                ConcurrentRuns = CiPipelinesArgs.ConcurrentImageBuilds,
                DependsOn = [imagesNamespace],
            });
        }

        if (!tekton.Enabled)
        {
            return [];
        }

        string[] namespaces = imagesNamespace is null ? [ciNamespace] : [ciNamespace, imagesNamespace];
        var installed = TektonComponent.Declare(root, "tekton", new TektonArgs
        {
            Provider = k8s,
            PipelinesVersion = tekton.PipelinesVersion,
            TriggersVersion = tekton.TriggersVersion,
            DashboardVersion = tekton.DashboardVersion,
            DashboardIngress = tekton.DashboardIngress?.ToArgs(),
            RunNamespaces = imagesNamespace is null ? [Namespaces.Ci] : [Namespaces.Ci, Namespaces.CiImages],
            NamespacePaths = [.. namespaces],
            DependsOn = pools.For(PoolRole.System),
            Pruning = tekton.Pruning.ToArgs(),
        });
        // Pull-request previews on Tekton: the credential-free diff and pulumi preview, started by
        // the listener's pull-request trigger of this project's repository (build snapshotAgent or preview).
        PreviewTrigger? preview = null;
        if (tekton.Repositories.Any(r => r.Build is CiBuild.SnapshotAgent or CiBuild.Preview))
        {
            var previewOutputs = PreviewPipelineComponent.Declare(root, "preview-pipeline", new PreviewPipelineArgs
            {
                Provider = k8s,
                Stack = stack,
                DependsOn = [ciNamespace, .. installed.Ready],
            });
            preview = new PreviewTrigger(previewOutputs.TriggerBinding, previewOutputs.TriggerTemplate, Namespaces.Ci);
        }

        var pipelines = CiPipelinesComponent.Declare(root, "ci-pipelines", new CiPipelinesArgs
        {
            Preview = preview,
            Provider = k8s,
            Repositories = [.. tekton.Repositories.Select(r => r.ToArgs())],
            WebhookSecret = tekton.WebhookSecret.ToArgs(),
            ForkPullRequests = tekton.ForkPullRequests,
            DependsOn = [.. namespaces, .. installed.Ready],
            AgentImage = settings.SnapshotAgent.Image,
            ZebradBuilder = tekton.ZebradBuilder,
            ZcashdBuilder = tekton.ZcashdBuilder,
            BuildResources = tekton.BuildResources.ToArgs(),
            WorkspaceSize = tekton.WorkspaceSize,
            Cache = tekton.Cache.ToArgs(),
            ProtectState = settings.ShouldProtectState,
            Integration = tekton.Integration.ToArgs(),
            RegistrySecret = tekton.RegistrySecret,
            WebhookIngress = tekton.WebhookIngress?.ToArgs(),
        });
        if (installed.DashboardService is { } dashboard)
        {
            graph.StackOutput("tektonDashboard", dashboard);
        }

        graph.StackOutput("ciWebhookService", pipelines.WebhookService);
        return installed.Ready;
    }
}
