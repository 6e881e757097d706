using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Ipfs;
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
        string url, manifestUrl;
        string? cid = null;
        if (request.Ipfs is { } ipfs)
        {
            (cid, var manifestCid) = await AddToIpfsAsync(ipfs, archive, manifestPath, name, manifest.Size, request.ProgressInterval ?? TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            url = $"ipfs://{cid}";
            manifestUrl = $"ipfs://{manifestCid}";
        }
        else
        {
            _log.Info($"uploading {archive} ({ByteSize.Format(manifest.Size)}) to {_store.Describe(archiveKey)}");
            var progress = new ProgressReporter(_log, $"upload {_store.Describe(archiveKey)}", manifest.Size, request.ProgressInterval ?? TimeSpan.FromSeconds(30), _time);
            await _store.UploadFileAsync(archiveKey, archive, "application/zstd", progress.Advance, cancellationToken).ConfigureAwait(false);
            progress.Complete();
            await _store.UploadFileAsync(archiveKey + ".sha256", archive + ".sha256", "text/plain", cancellationToken).ConfigureAwait(false);
            await _store.UploadFileAsync(archiveKey + ".manifest.json", manifestPath, "application/json", cancellationToken).ConfigureAwait(false);
            url = ReaderUrl(request, $"{network}/{name}").AbsoluteUri;
            manifestUrl = ReaderUrl(request, $"{network}/{name}.manifest.json").AbsoluteUri;
        }

        var entry = new SnapshotIndexEntry
        {
            Url = url,
            Roles = [SnapshotIndexEntry.LatestRole],
            Height = manifest.Height,
            DbMajor = manifest.DbMajor,
            Sha256 = manifest.Sha256,
            ZebradVersion = manifest.ZebradVersion,
            ManifestUrl = manifestUrl,
            Network = network,
            Implementation = manifest.Implementation,
            Flags = manifest.Flags,
            Size = manifest.Size,
            CreatedAt = manifest.CreatedAt,
            Cid = cid,
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

    /// <summary>
    /// Adds the archive and its manifest to the IPFS node (pinned there), then, if asked, pins both
    /// at the remote provider. The .sha256 is not added: the index carries the digest.
    /// </summary>
    private async Task<(string Archive, string Manifest)> AddToIpfsAsync(IpfsPublish ipfs, string archive, string manifestPath, string name, long size, TimeSpan progressInterval, CancellationToken cancellationToken)
    {
        _log.Info($"adding {archive} ({ByteSize.Format(size)}) to the IPFS node {ipfs.Kubo.Describe()} (CIDv1, raw leaves, pinned)");
        var progress = new ProgressReporter(_log, $"add to IPFS {ipfs.Kubo.Describe()} {name}", size, progressInterval, _time);
        var cid = await ipfs.Kubo.AddAsync(archive, name, progress.Advance, cancellationToken).ConfigureAwait(false);
        progress.Complete();
        var manifestCid = await ipfs.Kubo.AddAsync(manifestPath, name + ".manifest.json", cancellationToken).ConfigureAwait(false);
        _log.Info($"the IPFS node returned {cid} for {name} and {manifestCid} for its manifest");
        if (ipfs.Pinning is { } pinning)
        {
            await pinning.PinAsync(cid, name, cancellationToken).ConfigureAwait(false);
            await pinning.PinAsync(manifestCid, name + ".manifest.json", cancellationToken).ConfigureAwait(false);
        }

        return (cid, manifestCid);
    }

    private async Task DeleteSnapshotObjectsAsync(PublishRequest request, string network, SnapshotIndexEntry old, CancellationToken cancellationToken)
    {
        if (old.Url.StartsWith(IpfsUrl.Scheme + "://", StringComparison.Ordinal))
        {
            _log.Info($"retention: {old.Url} left the index; it stays pinned on the IPFS node and any provider until unpinned there (ipfs pin rm {old.Cid ?? old.Url})");
            return;
        }

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
