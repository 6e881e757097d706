using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Publish;

/// <summary>
/// publish: uploads the archive, its <c>.sha256</c> and manifest, and only then (under the
/// network's lock) adds the entry to <c>&lt;network&gt;/snapshots.json</c> with a conditional write
/// and prunes what retention drops. A reader therefore never sees an entry whose archive is not
/// complete, and two publishers never overwrite each other's entry.
/// </summary>
public sealed class SnapshotPublisher
{
    private const int MaxIndexAttempts = 5;
    private readonly IObjectStore _store;
    private readonly StoreLocation _location;
    private readonly AgentLog _log;
    private readonly TimeProvider _time;

    public SnapshotPublisher(IObjectStore store, StoreLocation location, AgentLog log, TimeProvider? time = null)
    {
        _store = store;
        _location = location;
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Key of a network's index, relative to the store root.</summary>
    public static string IndexName(string network) => $"{network}/snapshots.json";

    public async Task<SnapshotIndexEntry> RunAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var archive = Path.GetFullPath(request.Archive);
        var manifestPath = archive + ".manifest.json";
        if (!File.Exists(archive) || !File.Exists(manifestPath) || !File.Exists(archive + ".sha256"))
        {
            throw new AgentException(ExitCodes.Usage, $"publish needs --archive {archive} with its .sha256 and .manifest.json beside it (as create writes them)");
        }

        var manifest = SnapshotJson.ParseManifest(await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false));
        var sidecar = Sha256Text.Parse(await File.ReadAllTextAsync(archive + ".sha256", cancellationToken).ConfigureAwait(false), archive + ".sha256");
        if (sidecar != manifest.Sha256 || new FileInfo(archive).Length != manifest.Size)
        {
            throw new AgentException(ExitCodes.Integrity, $"{archive} does not match its manifest (size or sha256 differ): re-run create");
        }

        var network = Networks.Normalize(manifest.Network);
        var name = Path.GetFileName(archive);
        var archiveKey = _location.Key($"{network}/{name}");

        // 1. The objects, under names no reader looks for until the index names them.
        _log.Info($"uploading {archive} ({ByteSize.Format(manifest.Size)}) to {_store.Describe(archiveKey)}");
        await _store.UploadFileAsync(archiveKey, archive, "application/zstd", cancellationToken).ConfigureAwait(false);
        await _store.UploadFileAsync(archiveKey + ".sha256", archive + ".sha256", "text/plain", cancellationToken).ConfigureAwait(false);
        await _store.UploadFileAsync(archiveKey + ".manifest.json", manifestPath, "application/json", cancellationToken).ConfigureAwait(false);

        var entry = new SnapshotIndexEntry
        {
            Url = ReaderUrl(request, $"{network}/{name}").AbsoluteUri,
            Roles = [SnapshotIndexEntry.LatestRole],
            Height = manifest.Height,
            DbMajor = manifest.DbMajor,
            Sha256 = manifest.Sha256,
            ZebradVersion = manifest.ZebradVersion,
            ManifestUrl = ReaderUrl(request, $"{network}/{name}.manifest.json").AbsoluteUri,
            Network = network,
            Implementation = manifest.Implementation,
            Flags = manifest.Flags,
            Size = manifest.Size,
            CreatedAt = manifest.CreatedAt,
        };

        // 2. The index, one writer at a time.
        var indexKey = _location.Key(IndexName(network));
        await using (var held = await PublishLock.AcquireAsync(_store, indexKey + ".lock", request.Owner, request.LockTtl, request.LockWait, _log, _time, cancellationToken).ConfigureAwait(false))
        {
            var pruned = await UpdateIndexAsync(indexKey, entry, request.Retention, cancellationToken).ConfigureAwait(false);

            // 3. Only now that no index names them, the pruned archives go.
            foreach (var old in pruned)
            {
                await DeleteSnapshotObjectsAsync(request, network, old, cancellationToken).ConfigureAwait(false);
            }
        }

        _log.Info($"published {entry.Url} (height {entry.Height}) in {_store.Describe(indexKey)}");
        return entry;
    }

    private async Task<List<SnapshotIndexEntry>> UpdateIndexAsync(string indexKey, SnapshotIndexEntry entry, RetentionPolicy retention, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxIndexAttempts; attempt++)
        {
            var current = await _store.GetTextAsync(indexKey, cancellationToken).ConfigureAwait(false);
            var entries = current is null ? [] : SnapshotJson.ParseIndex(current.Content);
            var (index, pruned) = IndexUpdate.Apply(entries, entry, retention, _time.GetUtcNow());
            var condition = current is null ? WriteCondition.Absent : WriteCondition.Matches(current.Version);
            if (await _store.PutTextAsync(indexKey, SnapshotJson.WriteIndex(index), condition, cancellationToken).ConfigureAwait(false))
            {
                foreach (var old in pruned)
                {
                    _log.Info($"retention: dropped {old.Url} (height {old.Height}) from the index");
                }

                return pruned;
            }

            _log.Warn($"{_store.Describe(indexKey)} changed while we updated it; re-reading (attempt {attempt} of {MaxIndexAttempts})");
        }

        throw new AgentException(ExitCodes.Conflict, $"{_store.Describe(indexKey)} kept changing under us; the archive is uploaded but not indexed, run publish again");
    }

    private async Task DeleteSnapshotObjectsAsync(PublishRequest request, string network, SnapshotIndexEntry old, CancellationToken cancellationToken)
    {
        var directory = ReaderUrl(request, $"{network}/").AbsoluteUri;
        if (!old.Url.StartsWith(directory, StringComparison.Ordinal))
        {
            _log.Warn($"retention: not deleting {old.Url}: it is not in {directory}");
            return;
        }

        var key = _location.Key($"{network}/{Uri.UnescapeDataString(old.Url[directory.Length..])}");
        foreach (var suffix in new[] { "", ".sha256", ".manifest.json" })
        {
            await _store.DeleteAsync(key + suffix, cancellationToken).ConfigureAwait(false);
        }

        _log.Info($"retention: deleted {_store.Describe(key)} and its .sha256 and manifest");
    }

    /// <summary>
    /// What the index names: under <c>--public-base-url</c> for anonymous HTTPS readers, else the
    /// store's own URL (<c>s3://</c>, <c>gs://</c>, <c>file://</c>), which restore reads with the
    /// pod's credentials, so a private bucket works without any public URL.
    /// </summary>
    private Uri ReaderUrl(PublishRequest request, string relative) =>
        request.PublicBaseUrl is { } baseUrl
            ? new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), relative)
            : _store.Url(_location.Key(relative));
}
