using System.Globalization;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// Picks the index entry to restore: among the entries that fit the node (network,
/// implementation, db major, zcashd flags), the one at the requested height, else the highest.
/// Fails before anything is downloaded, saying why entries were passed over and, for a height
/// that is not there, which compatible heights are nearest.
/// </summary>
public static class IndexSelection
{
    /// <summary>How many passed-over entries an error names (the rest are counted).</summary>
    private const int ReasonsShown = 5;

    /// <exception cref="AgentException">Nothing fits (<see cref="ExitCodes.Incompatible"/>).</exception>
    public static IndexChoice Choose(IReadOnlyList<SnapshotIndexEntry> entries, NodeRequirements node, Uri index, long? height)
    {
        var indexNetwork = Networks.FromIndexUrl(index);
        var compatible = new List<SnapshotIndexEntry>();
        var rejected = new List<(SnapshotIndexEntry Entry, string Reason)>();
        foreach (var entry in entries)
        {
            if (SnapshotCompatibility.CheckSafely(entry, node, indexNetwork) is { } reason)
            {
                rejected.Add((entry, reason));
            }
            else
            {
                compatible.Add(entry);
            }
        }

        var wanted = height is { } h ? $"no snapshot at height {Format(h)}" : "no snapshot";
        var nodeText = $"a {SnapshotCompatibility.Name(node.Implementation)} {node.Network} node with db major {node.DbMajor}";
        if (compatible.Count == 0)
        {
            var why = rejected.Count == 0 ? "the index is empty" : Reasons(rejected);
            throw new AgentException(ExitCodes.Incompatible, $"{wanted} in {index} fits {nodeText}: {why}");
        }

        if (height is not { } requested)
        {
            // Ties keep index order: the index lists newest first.
            var highest = compatible.Aggregate((best, entry) => entry.Height > best.Height ? entry : best);
            return new IndexChoice(highest, rejected.Count, compatible.Count - 1);
        }

        var atHeight = compatible.Where(e => e.Height == requested).ToList();
        if (atHeight.Count > 0)
        {
            return new IndexChoice(atHeight[0], rejected.Count, compatible.Count - 1);
        }

        var message = $"{wanted} in {index} fits {nodeText}; nearest compatible heights: {Nearest(compatible, requested)}";
        var incompatibleThere = rejected.Where(r => r.Entry.Height == requested).ToList();
        if (incompatibleThere.Count > 0)
        {
            message += $"; at height {Format(requested)} only {Reasons(incompatibleThere)}";
        }

        throw new AgentException(ExitCodes.Incompatible, message);
    }

    private static string Nearest(List<SnapshotIndexEntry> compatible, long height)
    {
        var below = compatible.Where(e => e.Height < height).Select(e => (long?)e.Height).Max();
        var above = compatible.Where(e => e.Height > height).Select(e => (long?)e.Height).Min();
        var parts = new List<string>();
        if (below is { } b)
        {
            parts.Add($"{Format(b)} (below)");
        }

        if (above is { } a)
        {
            parts.Add($"{Format(a)} (above)");
        }

        return string.Join(", ", parts);
    }

    private static string Reasons(List<(SnapshotIndexEntry Entry, string Reason)> rejected)
    {
        var shown = string.Join("; ", rejected.Take(ReasonsShown).Select(r => $"{Path.GetFileName(r.Entry.Url)} ({r.Reason})"));
        return rejected.Count > ReasonsShown ? $"{shown}; and {rejected.Count - ReasonsShown} more" : shown;
    }

    private static string Format(long height) => height.ToString(CultureInfo.InvariantCulture);
}
