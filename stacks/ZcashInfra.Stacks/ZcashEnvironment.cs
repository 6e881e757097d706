using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Components.VolumeSnapshots;
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
            Cloud.Gcp => StackProviders.DeclareGcp(root, settings.Gcp!.Project, settings.Gcp.Region),
            Cloud.Aws => StackProviders.DeclareAws(root, settings.Aws!.AccountId, settings.Aws.Region),
            _ => null,
        };
        var providers = new StackProviders(cloudProvider, StackProviders.DeclareKubernetes(root, settings.Cluster.Kubeconfig, settings.Cluster.ProviderContext(settings)));

        // Namespaces first: everything in the cluster lives in one of them, and objects in a
        // namespace depend on it (their components take these paths for dependsOn).
        // Both hold volumes (node state; the CI cache), which go when their namespace goes: with
        // protectState they are protected and retained.
        var protectState = settings.ShouldProtectState;
        var namespaces = new StackNamespaces(
            Namespaces.Declare(root, "namespace-zcash", settings.ZcashNamespace, providers.Kubernetes, "zcash-nodes", protectState),
            settings.Tekton.Enabled || settings.CiWorkers.Enabled
                ? Namespaces.Declare(root, "namespace-zcash-ci", Namespaces.Ci, providers.Kubernetes, "zcash-ci", protectState)
                : null,
            NodeStorage(root, settings, providers));

        SnapshotStoreOutputs? store = null;
        if (providers.Cloud is not null)
        {
            store = SnapshotStoreComponent.Declare(root, "snapshots", new SnapshotStoreArgs
            {
                Cloud = settings.Cloud,
                BucketName = SnapshotBucketName(stack, settings),
                Location = SnapshotBucketLocation(settings),
                Provider = providers.Cloud,
                PublicRead = settings.Snapshots.PublicRead,
                ArchiveMaxAgeDays = settings.Snapshots.ArchiveMaxAgeDays,
                NoncurrentVersionDays = settings.Snapshots.NoncurrentVersionDays,
                ProtectState = settings.ShouldProtectState,
                Labels = settings.Labels,
            });
            graph.StackOutput("snapshotBucket", store.BucketName);
            graph.StackOutput("snapshotBucketUrl", store.BucketUrl);
            if (store.PublicBaseUrl is not null)
            {
                graph.StackOutput("snapshotPublicUrl", store.PublicBaseUrl);
            }
        }

        // Node pools and snapshot access: the cloud side of the cluster. Pools carry the labels and
        // taints of their role (PoolPlacement); the snapshot service accounts always exist, bound to
        // cloud identities where there is a cloud.
        var pools = DeclareNodePools(graph, settings, providers);
        var access = SnapshotAccessComponent.Declare(root, "snapshot-access", new SnapshotAccessArgs
        {
            KubernetesProvider = providers.Kubernetes,
            NamespacePath = namespaces.Zcash,
            Namespace = settings.ZcashNamespace,
            Cloud = store is null ? null : new SnapshotCloudAccess
            {
                Cloud = settings.Cloud,
                Provider = providers.Cloud!,
                BucketName = store.BucketName,
                BucketPath = store.BucketPath,
                GcpProject = settings.Gcp?.Project,
                AwsAccountId = settings.Aws?.AccountId,
                OidcProviderArn = settings.Cluster.OidcProviderArn,
                Labels = settings.Labels,
            },
        });
        if (access.ReaderIdentity is not null)
        {
            graph.StackOutput("snapshotReaderIdentity", access.ReaderIdentity);
            graph.StackOutput("snapshotWriterIdentity", access.WriterIdentity);
        }

        // Zcash node sets and the peers Services that let them find each other.
        var nodeSets = NodeSetDeclarations.Declare(graph, settings, providers, namespaces, pools, access.ReaderServiceAccountPath);

        // Volume snapshots of cut state (opt-in per cut): the snapshot class of the cloud's driver,
        // the jobs' state volume class, and the writer's grants to snapshot, prune and re-point.
        VolumeSnapshotStorageOutputs? volumeSnapshots = null;
        if (settings.SnapshotSchedule.Cuts.Any(c => c.VolumeSnapshots.Enabled) && settings.Cloud != Cloud.Existing)
        {
            volumeSnapshots = VolumeSnapshotStorage.Declare(root, "volume-snapshots", new VolumeSnapshotStorageArgs
            {
                Cloud = settings.Cloud,
                Namespace = settings.ZcashNamespace,
                ServiceAccount = SnapshotIdentities.WriterServiceAccount,
                Provider = providers.Kubernetes,
                DependsOn = [namespaces.Zcash, access.WriterServiceAccountPath],
            });
        }

        // The snapshot job: one CronJob per cut, run as the snapshot writer, reading the tip from a
        // serving node set and publishing to the stack's bucket.
        SnapshotJobDeclarations.Declare(graph, settings, providers, namespaces, pools, store, access.WriterServiceAccountPath, nodeSets, volumeSnapshots);

        // ── CI: Tekton and the Zcash pipelines, autoscaled Buildbot workers, the CI
        // namespace's quota. Everything lives in the CI namespace declared above.
        // Pull-request previews on Tekton (PreviewPipeline) are declared there too, with the
        // listener's trigger that starts them.
        if (namespaces.Ci is not null)
        {
            CiEnvironment.Declare(graph, settings, providers, namespaces.Ci, pools, stack);
        }

        return graph.Build();
    }

    private static StackPools DeclareNodePools(GraphBuilder graph, StackSettings settings, StackProviders providers)
    {
        if (providers.Cloud is null || settings.NodePools.Count == 0)
        {
            return StackPools.None;
        }

        var pools = NodePoolsComponent.Declare(graph.Root, "node-pools", new NodePoolsArgs
        {
            Cloud = settings.Cloud,
            Provider = providers.Cloud,
            ClusterName = settings.Cluster.Name!,
            GcpProject = settings.Gcp?.Project,
            Location = settings.Gcp is null ? null : settings.Cluster.Location ?? settings.Gcp.Region,
            Zones = settings.Gcp?.Zones ?? [],
            AwsAccountId = settings.Aws?.AccountId,
            SubnetIds = settings.Aws?.SubnetIds ?? [],
            Labels = settings.Labels,
            Pools = [.. settings.NodePools.Select(p => new NodePoolArgs
            {
                Name = p.Name,
                Role = p.Role,
                MachineType = p.MachineType,
                MinNodes = p.MinNodes,
                MaxNodes = p.MaxNodes,
                DiskSizeGb = p.DiskSizeGb,
                DiskType = p.DiskType,
                Spot = p.Spot,
                Zones = p.Zones,
                SubnetIds = p.SubnetIds,
                MaxSurge = p.MaxSurge,
                MaxUnavailable = p.MaxUnavailable,
            })],
        });
        graph.StackOutput("nodePools", NodePoolsComponent.RoleMap(pools.PoolNames));
        graph.StackOutput("nodeIdentity", pools.Identity);
        return new StackPools(pools.PoolPaths);
    }

    /// <summary>
    /// The StorageClass node-set volumes use unless a set names its own: declared where the cloud,
    /// and so its CSI driver, is known (an existing cluster brings its own classes).
    /// </summary>
    private static (string Path, string Name)? NodeStorage(GraphScope root, StackSettings settings, StackProviders providers) =>
        settings.NodeSets.Count == 0 || settings.Cloud == Cloud.Existing
            ? null
            : (NodeStateStorage.Declare(root, "node-state-storage", settings.Cloud, providers.Kubernetes, settings.ShouldProtectState),
                NodeStateStorage.Name(root.Stack));

    /// <summary>The snapshot bucket's location: the configured one, else the stack's region.</summary>
    public static string SnapshotBucketLocation(StackSettings settings) =>
        settings.Snapshots.Location ?? settings.Gcp?.Region ?? settings.Aws?.Region
        ?? throw new GraphException("zcash-infra:snapshots.location: is required when the stack has no cloud region");

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
/// <param name="NodeStorage">The node-state StorageClass (graph path and name), when the stack's cloud is known.</param>
internal sealed record StackNamespaces(string Zcash, string? Ci, (string Path, string Name)? NodeStorage);
