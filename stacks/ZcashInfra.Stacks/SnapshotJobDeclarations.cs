using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks;

/// <summary>
/// The snapshot job of a stack: one CronJob per cut in <c>snapshotSchedule.cuts</c>, publishing to
/// the stack's bucket as the snapshot writer, and the stack output naming the CronJobs.
/// </summary>
internal static class SnapshotJobDeclarations
{
    /// <param name="graph">The stack's graph.</param>
    /// <param name="settings">The stack's settings.</param>
    /// <param name="providers">The explicit providers.</param>
    /// <param name="namespaces">The namespaces (the jobs wait for the zcash one).</param>
    /// <param name="pools">The stack's node pools (the job's pods run on the nodes pool and wait for it).</param>
    /// <param name="store">The snapshot bucket (settings refuse cuts without one).</param>
    /// <param name="writerServiceAccount">Graph path of the writer ServiceAccount the pods run as (they wait for it and its cloud binding).</param>
    /// <param name="nodeSets">The declared node sets: a cut reads the tip from one, and takes its version from one.</param>
    /// <param name="volumeSnapshots">The volume snapshot class, state StorageClass and grants, when a cut keeps volume snapshots.</param>
    public static void Declare(
        GraphBuilder graph, StackSettings settings, StackProviders providers, StackNamespaces namespaces, StackPools pools,
        SnapshotStoreOutputs? store, string writerServiceAccount, DeclaredNodeSets nodeSets, VolumeSnapshotStorageOutputs? volumeSnapshots = null)
    {
        var schedule = settings.SnapshotSchedule;
        if (schedule.Cuts.Count == 0)
        {
            return;
        }

        _ = store ?? throw new GraphException("zcash-infra:snapshotSchedule.cuts: need a snapshot bucket (a gcp or aws stack)");
        var names = new JsonArray();
        foreach (var cut in schedule.Cuts)
        {
            var keeps = cut.VolumeSnapshots.Enabled && volumeSnapshots is not null;
            var outputs = SnapshotJobComponent.Declare(graph.Root, cut.JobName, Args(cut, settings, providers, store, nodeSets) with
            {
                VolumeSnapshots = keeps ? new SnapshotJobVolumeSnapshots
                {
                    SnapshotClass = volumeSnapshots!.SnapshotClass,
                    StateStorageClass = volumeSnapshots.JobStateStorageClass,
                    VolumeSize = cut.VolumeSnapshots.VolumeSize,
                    Keep = cut.VolumeSnapshots.Keep,
                } : null,
                DependsOn = [namespaces.Zcash, writerServiceAccount, .. pools.For(PoolRole.Nodes), .. keeps ? [volumeSnapshots!.ComponentPath] : Array.Empty<string>()],
            });
            names.Add(outputs.CronJobName);
        }

        graph.StackOutput(StackOutputNames.SnapshotJobs, names);
    }

    /// <summary>The stack's own index of a network under the bucket's base URL (public HTTPS, gs:// or s3://).</summary>
    internal static Uri OwnIndex(Uri bucketBase, Network network) => new(bucketBase, $"{NodeLabels.Value(network)}/snapshots.json");

    private static SnapshotJobArgs Args(SnapshotCutSettings cut, StackSettings settings, StackProviders providers, SnapshotStoreOutputs store, DeclaredNodeSets nodeSets)
    {
        var schedule = settings.SnapshotSchedule;
        var tip = cut.TipSource(settings.NodeSets);

        // The stack's own index first: over public HTTPS when the bucket is public, else straight from
        // the bucket (gs:// or s3://), which the writer identity the job runs as can read.
        var publicBase = store.PublicBaseUrl is { } url ? new Uri(url.TrimEnd('/') + "/") : null;
        var own = OwnIndex(publicBase ?? new Uri(store.BucketUrl.TrimEnd('/') + "/"), cut.Network);
        var bootstrap = cut.Bootstrap is { } given ? new Uri(given) : FoundationSnapshots.Index(cut.Network);
        return new SnapshotJobArgs
        {
            Release = cut.Release(settings.NodeSets),
            Schedule = cut.Cron ?? schedule.Cron,
            Suspend = !schedule.Enabled,
            Target = new SnapshotJobTarget
            {
                Height = cut.Target.Height,
                BlocksBehindTip = cut.Target.Height is null ? cut.Depth : null,
                TipNodeSet = tip?.Name,
                TipRpcEndpoint = tip is null ? null : nodeSets.Sets[tip.Name].RpcEndpoint,
            },
            RestoreIndexes = [.. new[] { own, bootstrap }.OfType<Uri>()],
            Store = new SnapshotJobStore
            {
                BucketUrl = store.BucketUrl,
                PublicBaseUrl = publicBase,
                S3Region = settings.Cloud == Cloud.Aws ? ZcashEnvironment.SnapshotBucketLocation(settings) : null,
                Keep = settings.Snapshots.KeepSnapshots,
            },
            Ipfs = cut.Ipfs?.ToArgs(store.BucketUrl),
            ScratchSize = cut.Storage.Size,
            StorageClass = cut.Storage.StorageClass,
            Resources = cut.Resources.Resolve(cut.Network),
            Deadline = cut.Deadline,
            MaxAge = schedule.Enabled ? TimeSpan.FromHours(schedule.MaxAgeHours) : null,

            // In-cluster peers when the stack runs nodes of the network: the fastest place to sync from.
            PeerGroup = nodeSets.PeerGroups.Contains((cut.Network, NodeLabels.DefaultPeerGroup)) ? NodeLabels.DefaultPeerGroup : null,
            GroupPeers = nodeSets.GroupPods.TryGetValue((cut.Network, NodeLabels.DefaultPeerGroup), out var pods) ? [.. pods] : [],
            AgentImage = settings.SnapshotAgent.Image,
            Namespace = settings.ZcashNamespace,
            Provider = providers.Kubernetes,
        };
    }
}
