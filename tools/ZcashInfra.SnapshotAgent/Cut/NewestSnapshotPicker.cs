using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Cut;

/// <summary>
/// Chooses the newest compatible snapshot across several indexes (the stack's own, then the Zcash
/// Foundation's as a bootstrap), so a snapshot job starts from whichever is closest to the tip. An
/// index that is missing, empty, unreadable or holds nothing compatible is skipped with a warning:
/// a stack's first cut has no index of its own yet.
/// </summary>
public sealed class NewestSnapshotPicker
{
    private readonly TextFetcher _fetcher;
    private readonly AgentLog _log;

    public NewestSnapshotPicker(TextFetcher fetcher, AgentLog log)
    {
        _fetcher = fetcher;
        _log = log;
    }

    /// <summary>The highest compatible entry of all <paramref name="indexes"/>; on equal heights the earlier index wins.</summary>
    /// <exception cref="AgentException">No index holds a compatible snapshot (<see cref="ExitCodes.Incompatible"/>).</exception>
    public async Task<ResolvedSnapshot> PickAsync(IReadOnlyList<Uri> indexes, NodeRequirements node, CancellationToken cancellationToken)
    {
        var resolver = new SnapshotResolver(_fetcher, _log);
        ResolvedSnapshot? best = null;
        Uri? bestIndex = null;
        var skipped = new List<string>();
        foreach (var index in indexes)
        {
            ResolvedSnapshot candidate;
            try
            {
                candidate = await resolver.ResolveAsync(index, null, null, null, node, cancellationToken).ConfigureAwait(false);
            }
            catch (AgentException e) when (e.ExitCode is ExitCodes.Network or ExitCodes.Incompatible or ExitCodes.Integrity)
            {
                _log.Warn($"skipping {index}: {e.Message}");
                skipped.Add($"{index}: {e.Message}");
                continue;
            }

            if (best is null || (candidate.Height ?? -1) > (best.Height ?? -1))
            {
                best = candidate;
                bestIndex = index;
            }
        }

        if (best is null)
        {
            throw new AgentException(ExitCodes.Incompatible, $"no index holds a snapshot for this node: {string.Join("; ", skipped)}");
        }

        _log.Info($"newest compatible snapshot: {best.Url} (height {best.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}) from {bestIndex}");
        return best;
    }
}
