using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Components.Tekton;

namespace ZcashInfra.Components.Tests.Ci;

/// <summary>The CI components declared together the way a stack declares them, for tests.</summary>
internal static class CiGraphs
{
    public static readonly IReadOnlyList<CiRepository> Repositories =
    [
        new("zebra", "https://github.com/ZcashFoundation/zebra", CiBuild.Zebrad),
        new("zcashd", "https://github.com/zcash/zcash.git", CiBuild.Zcashd),
        new("zcash-infra", "https://github.com/zcash-infra/zcash-infra", CiBuild.SnapshotAgent),
    ];

    public static ResourceGraph Full(
        Func<CiPipelinesArgs, CiPipelinesArgs>? pipelines = null,
        Func<CiWorkersArgs, CiWorkersArgs>? workers = null,
        Func<TektonArgs, TektonArgs>? tekton = null,
        Action<GraphScope, string>? extra = null,
        CiQuota? imagesQuota = null,
        bool previewTrigger = true)
    {
        var builder = new GraphBuilder("test");
        var root = builder.Root;
        var k8s = root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var ci = Namespaces.Declare(root, "namespace-zcash-ci", Namespaces.Ci, k8s, "zcash-ci");
        var images = Namespaces.Declare(root, "namespace-zcash-ci-images", Namespaces.CiImages, k8s, "zcash-ci", PodSecurityLevel.Baseline);

        var tektonArgs = new TektonArgs
        {
            Provider = k8s,
            RunNamespaces = [Namespaces.Ci, Namespaces.CiImages],
            NamespacePaths = [ci, images],
        };
        var installed = TektonComponent.Declare(root, "tekton", (tekton ?? (a => a))(tektonArgs));
        var preview = PreviewPipelineComponent.Declare(root, "preview-pipeline", new PreviewPipelineArgs
        {
            Provider = k8s,
            Stack = "test",
            DependsOn = [ci, .. installed.Ready],
        });
        CiPipelinesComponent.Declare(root, "ci-pipelines", (pipelines ?? (a => a))(new CiPipelinesArgs
        {
            Preview = previewTrigger ? new PreviewTrigger(preview.TriggerBinding, preview.TriggerTemplate, Namespaces.Ci) : null,
            Provider = k8s,
            Repositories = Repositories,
            DependsOn = [ci, images, .. installed.Ready],
        }));
        var workerOutputs = CiWorkersComponent.Declare(root, "ci-workers", (workers ?? (a => a))(new CiWorkersArgs
        {
            Provider = k8s,
            MasterHost = "buildbot-master.zcash-ci",
            Queue = new QueueMetricArgs { ServerAddress = "http://prometheus.monitoring:9090" },
            DependsOn = [ci],
            WarmCapacity = new WarmCapacityArgs { Placeholders = 2 },
        }));
        CiNamespaceLimits.Declare(root, "ci-limits", new CiNamespaceLimitsArgs
        {
            Provider = k8s,
            Namespace = Namespaces.Ci,
            Quota = new CiQuota("64", "256Gi", 100, 40, "4Ti"),
            ExcludedPriorityClass = workerOutputs.PriorityClass,
            ConcurrentRuns = 4,
            DependsOn = [ci],
        });
        CiNamespaceLimits.Declare(root, "ci-images-limits", new CiNamespaceLimitsArgs
        {
            Provider = k8s,
            Namespace = Namespaces.CiImages,
            Quota = imagesQuota ?? new CiQuota("8", "16Gi", 10, 24, "120Gi"),
            ConcurrentRuns = CiPipelinesArgs.ConcurrentImageBuilds,
            DependsOn = [images],
        });
        extra?.Invoke(root, k8s);
        return builder.Build();
    }
}
