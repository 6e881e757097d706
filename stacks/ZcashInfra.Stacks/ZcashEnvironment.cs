using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks;

/// <summary>
/// Which components a stack consists of, decided from its settings alone. The result is plain data:
/// infra/ registers it with Pulumi, the offline CLI renders, validates and diffs it.
/// </summary>
public static class ZcashEnvironment
{
    /// <summary>Declares the whole stack. Deterministic: the same settings give the same graph.</summary>
    public static ResourceGraph Declare(string stack, StackSettings settings)
    {
        var graph = new GraphBuilder(stack);
        var root = graph.Root;

        var cloudProvider = settings.Cloud switch
        {
            CloudKind.Gcp => StackProviders.DeclareGcp(root, settings.Gcp!.Project, settings.Gcp.Region),
            CloudKind.Aws => StackProviders.DeclareAws(root, settings.Aws!.AccountId, settings.Aws.Region),
            _ => null,
        };
        var providers = new StackProviders(cloudProvider, StackProviders.DeclareKubernetes(root, settings.Cluster.Kubeconfig, settings.Cluster.Context));

        // Namespaces first: everything in the cluster lives in one of them, and objects in a
        // namespace depend on it (their components take these paths for dependsOn).
        var namespaces = new StackNamespaces(
            Namespaces.Declare(root, "namespace-zcash", Namespaces.Zcash, providers.Kubernetes, "zcash-nodes"),
            settings.Tekton.Enabled || settings.CiWorkers.Enabled
                ? Namespaces.Declare(root, "namespace-zcash-ci", Namespaces.Ci, providers.Kubernetes, "zcash-ci")
                : null);

        if (providers.Cloud is not null)
        {
            var store = SnapshotStore.Declare(root, "snapshots", new SnapshotStoreArgs
            {
                Cloud = settings.Cloud == CloudKind.Gcp ? Cloud.Gcp : Cloud.Aws,
                BucketName = SnapshotBucketName(stack, settings),
                Location = settings.Snapshots.Location ?? settings.Gcp?.Region ?? settings.Aws!.Region,
                Provider = providers.Cloud,
                PublicRead = settings.Snapshots.PublicRead,
                ArchiveMaxAgeDays = settings.Snapshots.ArchiveMaxAgeDays,
                NoncurrentVersionDays = settings.Snapshots.NoncurrentVersionDays,
                Durable = settings.ShouldProtectState,
                Labels = settings.Labels,
            });
            graph.StackOutput("snapshotBucket", store.BucketName);
            graph.StackOutput("snapshotBucketUrl", store.BucketUrl);
            if (store.PublicBaseUrl is not null)
            {
                graph.StackOutput("snapshotPublicUrl", store.PublicBaseUrl);
            }
        }

        // ── CI (issue #7): Tekton and the Zcash pipelines, autoscaled Buildbot workers, the CI
        // namespace's quota. Everything lives in the CI namespace declared above.
        if (namespaces.Ci is not null)
        {
            CiEnvironment.Declare(graph, settings, providers, namespaces.Ci);
        }

        return graph.Build();
    }

    /// <summary>The snapshot bucket's name: the configured one, else one derived from the project or account and the stack.</summary>
    public static string SnapshotBucketName(string stack, StackSettings settings)
    {
        if (settings.Snapshots.Bucket is { } configured)
        {
            return configured;
        }

        var owner = settings.Gcp?.Project ?? settings.Aws?.AccountId
            ?? throw new GraphException("zcash-infra:snapshots.bucket: is required when the stack has no cloud project or account");
        var name = $"{owner}-zcash-snapshots-{stack}".ToLowerInvariant();
        return name.Length <= 63 ? name
            : throw new GraphException($"zcash-infra:snapshots.bucket: the derived name '{name}' is longer than 63 characters; set snapshots.bucket");
    }
}

/// <summary>Graph paths of the namespace objects a stack declares.</summary>
/// <param name="Zcash">The Zcash namespace (node sets, snapshot job).</param>
/// <param name="Ci">The CI namespace, when Tekton or CI workers are enabled.</param>
internal sealed record StackNamespaces(string Zcash, string? Ci);
