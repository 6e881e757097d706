using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// What a node set provisioned from volume snapshots needs from the rest of the stack. A claim whose
/// <c>dataSourceRef</c> names a VolumeSnapshot that never appears stays Pending for good
/// (kubernetes-csi/external-provisioner <c>pkg/controller/controller.go</c> getSnapshotSource fails
/// and is retried), and one that appears but does not fit is refused there too: so the series must
/// be cut here, with volume snapshots on, of the set's driver, no bigger than its volumes, with the
/// same zcashd flags.
/// </summary>
internal static class VolumeSnapshotRules
{
    public static void Validate(StackSettings stack, SettingsPath root, SettingsErrors errors)
    {
        for (var i = 0; i < stack.NodeSets.Count; i++)
        {
            var set = stack.NodeSets[i];
            if (set.Snapshot is not { VolumeSnapshot: true })
            {
                continue;
            }

            var path = root["nodeSets"][i];
            var dbMajor = set.Release.ResolvedDbMajor;
            var series = $"{NodeLabels.Value(set.Implementation)} {NodeLabels.Value(set.Network)} db major {dbMajor}";
            var cut = stack.SnapshotSchedule.Cuts.FirstOrDefault(c => c.Network == set.Network && c.Implementation == set.Implementation
                && c.ResolvedDbMajor(stack.NodeSets) == dbMajor && c.VolumeSnapshots.Enabled);
            if (cut is null)
            {
                errors.Add(path["snapshot"]["volumeSnapshot"],
                    $"needs a snapshot cut of {series} with volumeSnapshots.enabled: true in snapshotSchedule.cuts; without one the series' alias VolumeSnapshot never exists and every new volume stays Pending");
                continue;
            }

            // The set's volumes come from the stack's node-state StorageClass, the job's state
            // volume from one of the same driver; a class named here has a driver validate cannot see.
            errors.Require(set.Storage.StorageClass is null, path["storage"]["storageClass"],
                "must be unset with snapshot.volumeSnapshot: the stack's node-state class has the driver the snapshots are taken with (the provisioner refuses a snapshot of another driver)");
            var size = Quantity.Parse(set.Storage.Size ?? NodeSizing.DefaultStorage(set.Network, set.Implementation));
            var restore = cut.VolumeSnapshots.Size(cut.Network, cut.Implementation);
            errors.Require(size is null || Quantity.Parse(restore) is not { } needed || size >= needed, path["storage"]["size"],
                $"must be at least the snapshots' restore size {restore} (the cut's volumeSnapshots.volumeSize): a claim smaller than its snapshot is refused");
            var flags = set.Release.Zcashd;
            var cutFlags = cut.Release(stack.NodeSets).Zcashd;
            errors.Require(set.Implementation != NodeImplementation.Zcashd
                || (flags.TxIndex, flags.InsightExplorer, flags.Lightwalletd) == (cutFlags.TxIndex, cutFlags.InsightExplorer, cutFlags.Lightwalletd),
                path["zcashd"], "must have the index flags the cut's snapshots are made with (other flags force a reindex)");
        }
    }
}
