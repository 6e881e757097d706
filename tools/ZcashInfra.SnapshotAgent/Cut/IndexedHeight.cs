using System.Text.Json;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Cut;

/// <summary>
/// The highest height any entry of a network's indexes records: a height that network's chain has
/// certainly reached (a snapshot is only ever cut from a state at or below the tip). Every entry
/// counts, compatible with this node or not: what is wanted is a lower bound of the tip, not an
/// archive. Indexes are read as <c>restore-newest</c> reads them (<see cref="TextFetcher"/>,
/// <see cref="SnapshotJson.ParseIndex"/>); one that is missing, unreadable or empty is skipped.
/// </summary>
public sealed class IndexedHeight
{
    private readonly TextFetcher _fetcher;
    private readonly AgentLog _log;

    public IndexedHeight(TextFetcher fetcher, AgentLog log)
    {
        _fetcher = fetcher;
        _log = log;
    }

    /// <summary>The highest entry height of all <paramref name="indexes"/>, and the index it came from.</summary>
    /// <exception cref="AgentException">No index could be read or none has an entry with a height (<see cref="ExitCodes.Network"/>).</exception>
    public async Task<(long Height, Uri Index)> ReadAsync(IReadOnlyList<Uri> indexes, CancellationToken cancellationToken)
    {
        (long Height, Uri Index)? best = null;
        var skipped = new List<string>();
        foreach (var index in indexes)
        {
            string reason;
            try
            {
                var json = await _fetcher.GetAsync(index, cancellationToken).ConfigureAwait(false);
                var heights = json is null ? [] : SnapshotJson.ParseIndex(json).Where(e => e.Height > 0).Select(e => e.Height).ToList();
                if (heights.Count > 0)
                {
                    var height = heights.Max();
                    if (best is null || height > best.Value.Height)
                    {
                        best = (height, index);
                    }

                    continue;
                }

                reason = json is null ? "not found or not readable (HTTP 404/403)" : "no entry with a height";
            }
            catch (AgentException e) when (e.ExitCode is ExitCodes.Network or ExitCodes.Integrity)
            {
                reason = e.Message;
            }
            catch (JsonException e)
            {
                reason = $"not a snapshots.json array: {e.Message}";
            }

            _log.Warn($"fallback index {index} skipped: {reason}");
            skipped.Add($"{index}: {reason}");
        }

        return best ?? throw new AgentException(ExitCodes.Network, $"no fallback index gives a height: {string.Join("; ", skipped)}");
    }
}
