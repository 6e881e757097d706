using System.Globalization;
using System.Text.Json;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.IO;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Cut;

/// <summary>What <c>target-height</c> was asked: an explicit height, or the tip of a node minus some blocks.</summary>
/// <param name="Height">The explicit height as given (empty or null: none; a Kubernetes <c>$(TARGET_HEIGHT)</c> that is unset expands to empty).</param>
/// <param name="Rpc">A serving node's JSON-RPC URL, read when no explicit height is given.</param>
/// <param name="BehindTip">How many blocks below that node's tip the target lies.</param>
/// <param name="State">The restored state directory: the target must lie above the restored snapshot's height.</param>
/// <param name="Output">Where the height is written (a decimal number and a newline).</param>
/// <param name="FallbackIndexes">Indexes whose newest entry decides the target when <paramref name="Rpc"/> gives no answer at all (empty: no fallback).</param>
/// <param name="FallbackAhead">Blocks above that entry the fallback target lies.</param>
public sealed record TargetHeightRequest(string? Height, Uri? Rpc, long? BehindTip, string? State, string Output, IReadOnlyList<Uri>? FallbackIndexes = null, long? FallbackAhead = null);

/// <summary>
/// Decides the height a snapshot job runs its node to, and writes it where the next steps read it.
/// An explicit height wins (a one-off run); otherwise the tip of a serving node minus N blocks
/// (zebrad commits a block to its finalized state only ~1000 blocks later, so N ≥ that keeps the
/// target reachable without waiting for new blocks). A target at or below the restored snapshot's
/// height is refused: there would be nothing new to cut.
/// When the serving node gives no answer at all (its pods may be waiting for the very volume
/// snapshot this cut creates) and fallback indexes are given, the newest indexed height plus N
/// blocks is the target instead; a node that answers badly is an error, never a fallback.
/// </summary>
public sealed class TargetHeight
{
    private readonly NodeTip _tip;
    private readonly IndexedHeight? _indexed;
    private readonly AgentLog _log;

    public TargetHeight(NodeTip tip, AgentLog log, IndexedHeight? indexed = null)
    {
        _tip = tip;
        _indexed = indexed;
        _log = log;
    }

    public async Task<long> RunAsync(TargetHeightRequest request, CancellationToken cancellationToken)
    {
        long target;
        if (!string.IsNullOrWhiteSpace(request.Height))
        {
            if (!long.TryParse(request.Height.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out target) || target < 1)
            {
                throw new AgentException(ExitCodes.Usage, $"--height must be a block height ≥ 1, got '{request.Height}'");
            }

            _log.Info($"target height {target} (given explicitly)");
        }
        else
        {
            if (request.Rpc is null || request.BehindTip is null)
            {
                throw new AgentException(ExitCodes.Usage, "without --height, give --rpc-url and --behind-tip (the target is the node's tip minus that many blocks)");
            }

            long tip;
            try
            {
                tip = await _tip.ReadAsync(request.Rpc, cancellationToken).ConfigureAwait(false);
            }
            catch (NodeUnreachableException e)
            {
                return Write(request, await FallbackAsync(request, e, cancellationToken).ConfigureAwait(false));
            }

            target = tip - request.BehindTip.Value;
            if (target < 1)
            {
                throw new AgentException(ExitCodes.Incompatible, $"the tip of {request.Rpc} is {tip}; {request.BehindTip} blocks below it is no block");
            }

            _log.Info($"target height {target} decided by the node: tip {tip} of {request.Rpc} minus {request.BehindTip} blocks");
        }

        return Write(request, target);
    }

    private async Task<long> FallbackAsync(TargetHeightRequest request, NodeUnreachableException unreachable, CancellationToken cancellationToken)
    {
        if (_indexed is null || request.FallbackIndexes is not { Count: > 0 } indexes || request.FallbackAhead is not { } ahead)
        {
            throw new AgentException(ExitCodes.Network, unreachable.Message);
        }

        _log.Warn($"FALLBACK: {unreachable.Message}; the target comes from the fallback indexes instead");
        (long Height, Uri Index) newest;
        try
        {
            newest = await _indexed.ReadAsync(indexes, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentException e)
        {
            throw new AgentException(e.ExitCode, $"{unreachable.Message}, and {e.Message}");
        }

        var target = newest.Height + ahead;
        _log.Warn($"FALLBACK: target height {target} decided by the index {newest.Index}: its newest entry's height {newest.Height} plus {ahead} blocks (the node at {request.Rpc} gave no answer)");
        return target;
    }

    private long Write(TargetHeightRequest request, long target)
    {
        if (request.State is { } state && Restored(state) is { } restored && target <= restored.Height)
        {
            throw new AgentException(ExitCodes.Incompatible,
                $"target height {target} is not above the restored snapshot's height {restored.Height} ({restored.Url}): nothing new to cut");
        }

        AtomicFile.WriteAllText(request.Output, target.ToString(CultureInfo.InvariantCulture) + "\n");
        _log.Info($"wrote target height {target} to {request.Output}");
        return target;
    }

    private RestoreMarker? Restored(string state)
    {
        var path = Path.Combine(state, RestoreMarker.FileName);
        if (!File.Exists(path))
        {
            _log.Warn($"no restore marker at {path}: the target cannot be compared with a restored height");
            return null;
        }

        try
        {
            var marker = SnapshotJson.ParseMarker(File.ReadAllText(path));
            return marker.Height is null ? null : marker;
        }
        catch (JsonException e)
        {
            throw new AgentException(ExitCodes.Integrity, $"restore marker {path} is unreadable: {e.Message}");
        }
    }
}
