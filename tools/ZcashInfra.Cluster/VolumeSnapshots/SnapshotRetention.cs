namespace ZcashInfra.Cluster.VolumeSnapshots;

/// <summary>Which snapshots of a series go: pure, so the rule is tested on its own.</summary>
public static class SnapshotRetention
{
    /// <summary>
    /// The snapshots to delete: of those matching every <paramref name="series"/> label, ready,
    /// not aliases, not <paramref name="keepAlways"/>, all but the newest
    /// <paramref name="keep"/> − 1 by creationTimestamp (the new snapshot is the one more kept).
    /// Snapshots not ready yet or being deleted are left alone: they are not a usable copy, and
    /// another run may be waiting on them.
    /// </summary>
    public static IReadOnlyList<VolumeSnapshot> ToDelete(IEnumerable<VolumeSnapshot> snapshots, IReadOnlyDictionary<string, string> series, int keep, IReadOnlySet<string> keepAlways)
    {
        var candidates = snapshots
            .Where(s => series.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Where(s => s.ReadyToUse && !s.Deleting && !s.IsAlias && !keepAlways.Contains(s.Name))
            .OrderByDescending(s => s.Created ?? DateTimeOffset.MinValue)
            .ThenByDescending(s => s.Name, StringComparer.Ordinal)
            .ToList();
        return [.. candidates.Skip(Math.Max(0, keep - 1))];
    }
}
