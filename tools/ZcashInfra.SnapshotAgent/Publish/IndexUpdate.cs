using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Publish;

/// <summary>
/// The index after adding one entry: newest (highest height) first, <c>latest</c> moved to the
/// first entry, an entry for the same URL replaced, and retention applied. Pure, so the merge is
/// tested without a store; the publisher retries it on a fresh read when a concurrent write won.
/// </summary>
public static class IndexUpdate
{
    public static (List<SnapshotIndexEntry> Index, List<SnapshotIndexEntry> Pruned) Apply(
        IReadOnlyList<SnapshotIndexEntry> current,
        SnapshotIndexEntry added,
        RetentionPolicy retention,
        DateTimeOffset now)
    {
        var merged = current
            .Where(e => e.Url != added.Url)
            .Append(added)
            .Select((e, order) => (Entry: e, Order: order))
            .OrderByDescending(x => x.Entry.Height)
            .ThenByDescending(x => x.Entry.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Order)
            .Select(x => x.Entry)
            .ToList();

        var index = new List<SnapshotIndexEntry>();
        var pruned = new List<SnapshotIndexEntry>();
        for (var i = 0; i < merged.Count; i++)
        {
            var roles = merged[i].Roles.Where(r => r != SnapshotIndexEntry.LatestRole).ToList();
            if (i == 0)
            {
                roles.Insert(0, SnapshotIndexEntry.LatestRole);
                index.Add(merged[i] with { Roles = roles });
                continue;
            }

            var tooMany = retention.Keep > 0 && index.Count >= retention.Keep;
            var tooOld = retention.MaxAge is { } maxAge && merged[i].CreatedAt is { } created && now - created > maxAge;
            if (tooMany || tooOld)
            {
                pruned.Add(merged[i]);
            }
            else
            {
                index.Add(merged[i] with { Roles = roles });
            }
        }

        return (index, pruned);
    }
}
