namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>What a cut did.</summary>
/// <param name="Snapshot">The new snapshot, ready to use.</param>
/// <param name="Alias">The alias, re-pointed and ready; null without an alias or when the re-point was put off.</param>
/// <param name="Deleted">The snapshots pruned or cleaned up.</param>
/// <param name="AliasHeldBy">The Pending claims restoring from the alias that put its re-point off to the next cut; empty otherwise.</param>
public sealed record VolumeSnapshotResult(VolumeSnapshot Snapshot, VolumeSnapshot? Alias, IReadOnlyList<string> Deleted, IReadOnlyList<string> AliasHeldBy);
