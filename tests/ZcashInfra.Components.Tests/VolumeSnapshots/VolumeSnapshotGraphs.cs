using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Tests.NodeSet;
using ZcashInfra.Components.Tests.SnapshotJob;
using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.VolumeSnapshots;

/// <summary>The volume snapshot storage, a prod mainnet cut that keeps volume snapshots, and a node set cloned from its alias, in one graph.</summary>
internal static class VolumeSnapshotGraphs
{
    public static (ResourceGraph Graph, VolumeSnapshotStorageOutputs Storage) Declare(Cloud cloud = Cloud.Aws, Func<SnapshotJobArgs, SnapshotJobArgs>? change = null)
    {
        var builder = new GraphBuilder("prod");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var storage = VolumeSnapshotStorage.Declare(builder.Root, "volume-snapshots", new VolumeSnapshotStorageArgs
        {
            Cloud = cloud,
            Namespace = "zcash",
            ServiceAccount = SnapshotIdentities.WriterServiceAccount,
            Provider = provider,
        });
        var job = SnapshotJobs.ZebradMainnet(provider) with
        {
            // The snapshot's hour moves the worst age from 17.1 to 18.1 hours (SnapshotFreshness).
            MaxAge = TimeSpan.FromHours(19),
            VolumeSnapshots = new SnapshotJobVolumeSnapshots { SnapshotClass = storage.SnapshotClass, StateStorageClass = storage.JobStateStorageClass },
        };
        Components.SnapshotJob.SnapshotJobComponent.Declare(builder.Root, "snap", change is null ? job : change(job));
        var series = new VolumeSnapshotSeries(Network.Mainnet, NodeImplementation.Zebrad, 28);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra-mainnet", NodeSets.ZebradMainnet(provider) with { VolumeSnapshotSource = series.AliasName });
        return (builder.Build(), storage);
    }
}
