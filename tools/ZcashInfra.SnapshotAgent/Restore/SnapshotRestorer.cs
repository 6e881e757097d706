using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// restore: seeds a node's volume from a snapshot in one streaming pass (download → SHA-256 →
/// decompress → extract into staging), then moves the tree into place only if the digest and the
/// layout check pass. Never touches a volume that already holds state unless asked to replace it.
/// </summary>
public sealed class SnapshotRestorer
{
    private readonly UrlSources _sources;
    private readonly IExtractionFileSystem _fs;
    private readonly AgentLog _log;
    private readonly TimeProvider _time;

    public SnapshotRestorer(UrlSources sources, AgentLog log, IExtractionFileSystem? fs = null, TimeProvider? time = null)
    {
        _sources = sources;
        _log = log;
        _fs = fs ?? PhysicalExtractionFileSystem.Instance;
        _time = time ?? TimeProvider.System;
    }

    public async Task<RestoreOutcome> RunAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var target = PrepareTarget(request.Target);
        using var claim = TargetClaim.Acquire(target);
        var area = new RestoreArea(target, _log);
        var layout = StateLayout.For(request.Node);

        // Whatever this run decides, what an earlier (dead: we hold the claim) run left is put
        // right first: a verified restore is finished, anything else is removed.
        try
        {
            if (area.Recover(cancellationToken) is { } finished)
            {
                _log.Info($"finished moving an interrupted, already verified restore of {finished.Url} into {target}");
                return RestoreOutcome.Completed;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !DiskErrors.IsDiskFull(e))
        {
            throw new AgentException(ExitCodes.Disk, $"cannot clean up after an interrupted restore in {target}: {e.Message}", e);
        }

        CrashPoint.Reached(CrashPoint.Claimed, _log, cancellationToken);
        if (Existing(area, layout) is { } existing)
        {
            if (!request.Replace)
            {
                _log.Info($"{target} already holds {existing}; leaving it alone (pass --replace to overwrite it)");
                if (request.Index is not null && request.Height is { } wanted && area.ReadMarker() is { } marker && marker.Height != wanted)
                {
                    _log.Warn($"the state on {target} is from height {marker.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, not the --height {wanted} asked for; it is kept (pass --replace to restore height {wanted})");
                }

                return RestoreOutcome.AlreadyPresent;
            }

            _log.Warn($"--replace: {target} holds {existing}; it will be replaced once the new snapshot is verified");
        }

        var fetcher = new TextFetcher(_sources, request.Retry, _log);
        var snapshot = await new SnapshotResolver(fetcher, _log).ResolveAsync(request.Index, request.Url, request.Sha256, request.Height, request.Node, cancellationToken).ConfigureAwait(false);
        _log.Info($"restoring {snapshot.Url} into {target} ({layout.Description}); expecting sha256 {snapshot.Sha256} from {snapshot.DigestOrigin}");

        area.PrepareStaging();
        try
        {
            var stats = await ExtractAsync(snapshot, area, layout, request, cancellationToken).ConfigureAwait(false);
            if (layout.CheckComplete(area.Staging) is { } missing)
            {
                throw new AgentException(ExitCodes.Incompatible, $"archive {snapshot.Url}: {missing}");
            }

            var entries = layout.TopLevel.Where(name => Directory.Exists(Path.Combine(area.Staging, name))).ToList();
            var marker = new RestoreMarker
            {
                Url = snapshot.Url.ToString(),
                Sha256 = snapshot.Sha256,
                Height = snapshot.Height ?? request.Height,
                DbMajor = request.Node.DbMajor,
                Network = request.Node.Network,
                Implementation = SnapshotCompatibility.Name(request.Node.Implementation),
                Flags = request.Node.Flags,
                RestoredAt = _time.GetUtcNow(),
            };
            area.Commit(new RestoreJournal(entries, marker) { Retired = [.. layout.TopLevel.Except(entries, StringComparer.Ordinal)] }, cancellationToken);
            _log.Info($"restored {snapshot.Url} (height {snapshot.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}): {stats.Files} files, {ByteSize.Format(stats.Bytes)} into {target}");
            return RestoreOutcome.Restored;
        }
        catch
        {
            area.DiscardStaging();
            throw;
        }
    }

    /// <summary>
    /// The target as a full path, created if missing. A target that is not a directory is a usage
    /// error; one that cannot be created is a disk error. Nothing else is touched yet.
    /// </summary>
    private static string PrepareTarget(string requested)
    {
        var target = Path.GetFullPath(requested);
        if (File.Exists(target))
        {
            throw new AgentException(ExitCodes.Usage, $"--target {target} is a file, not a directory");
        }

        // Every entry verify accepts must fit under the staging directory within PATH_MAX.
        var stagingPrefix = System.Text.Encoding.UTF8.GetByteCount(Path.Combine(target, RestoreArea.WorkDirectoryName, "staging") + "/");
        if (stagingPrefix >= EntryPaths.ReservedPrefixBytes)
        {
            throw new AgentException(ExitCodes.Usage, $"--target {target} is too long: {stagingPrefix} bytes with the staging prefix, at most {EntryPaths.ReservedPrefixBytes - 1} (archive paths may take {EntryPaths.MaxPathBytes} of PATH_MAX {EntryPaths.PathMaxBytes})");
        }

        try
        {
            Directory.CreateDirectory(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentException(ExitCodes.Disk, $"cannot create target {target}: {e.Message}", e);
        }

        return target;
    }

    private string? Existing(RestoreArea area, StateLayout layout)
    {
        var marker = area.ReadMarker();
        if (!layout.HasNodeState(area.Target))
        {
            // A marker whose state was deleted (an operator wiping the volume's contents) does
            // not make a restored node: restore again, and the marker is rewritten.
            if (marker is not null)
            {
                _log.Warn($"{area.MarkerPath} says {marker.Url} was restored, but there is no node state: restoring again");
            }

            return null;
        }

        return marker is null
            ? "node state"
            : $"a restore of {marker.Url} (height {marker.Height}, restored {marker.RestoredAt:u})";
    }

    private async Task<ExtractionStats> ExtractAsync(ResolvedSnapshot snapshot, RestoreArea area, StateLayout layout, RestoreRequest request, CancellationToken cancellationToken)
    {
        var extractor = new SafeTarExtractor(_fs, _log);
        ExtractionStats? stats = null;
        FeedResult feed;
        try
        {
            feed = await ArchiveFeed.RunAsync(
                _sources.Open(snapshot.Url),
                request.Retry,
                _log,
                request.ProgressInterval,
                (stream, token) =>
                {
                    var (tar, _) = PrefixedStream.OpenDecompressed(stream, request.Retry.DecodeThreads);
                    using (tar)
                    {
                        stats = extractor.Extract(tar, area.Staging, layout, write: true, token);
                        if (tar is ParallelZstdDecompressStream frames)
                        {
                            _log.Info($"zstd: the first frame streamed, {frames.ParallelFrames} more decoded up to {request.Retry.DecodeThreads} at a time{(frames.Sequential ? ", then the rest sequentially from a frame too large to buffer" : string.Empty)}");
                        }
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ArchiveErrors.Classify(e, snapshot.Url.ToString(), area.Target) is { } classified)
        {
            throw classified;
        }

        if (!string.Equals(feed.Sha256, snapshot.Sha256, StringComparison.Ordinal))
        {
            throw new AgentException(ExitCodes.Integrity, $"digest mismatch for {snapshot.Url}: got sha256 {feed.Sha256}, expected {snapshot.Sha256} ({snapshot.DigestOrigin}); nothing was restored");
        }

        _log.Info($"sha256 {feed.Sha256} of {snapshot.Url} verified ({ByteSize.Format(feed.Length)})");
        return stats ?? throw new InvalidOperationException("extraction produced no result");
    }
}
