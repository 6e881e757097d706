using System.Text.Json;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Ipfs;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// Turns <c>--index</c> or <c>--url</c> into one archive URL and the digest it must have, failing
/// before any archive byte is fetched when nothing compatible exists or no digest can be found.
/// </summary>
public sealed class SnapshotResolver
{
    private readonly TextFetcher _fetcher;
    private readonly AgentLog _log;

    public SnapshotResolver(TextFetcher fetcher, AgentLog log)
    {
        _fetcher = fetcher;
        _log = log;
    }

    /// <param name="index">A network's snapshots.json (or null with <paramref name="url"/>).</param>
    /// <param name="url">One archive (or null with <paramref name="index"/>).</param>
    /// <param name="pinnedSha256">A digest pinned out of band; wins over everything published.</param>
    /// <param name="height">With an index: restore exactly this height instead of the highest.</param>
    /// <param name="node">The node the snapshot must fit.</param>
    /// <param name="cancellationToken">Cancels the fetches.</param>
    public async Task<ResolvedSnapshot> ResolveAsync(Uri? index, Uri? url, string? pinnedSha256, long? height, NodeRequirements node, CancellationToken cancellationToken)
    {
        var pinned = pinnedSha256?.ToLowerInvariant();
        if (url is not null)
        {
            return await FromUrlAsync(url, pinned, node, cancellationToken).ConfigureAwait(false);
        }

        if (index is null)
        {
            throw new AgentException(ExitCodes.Usage, "give --index or --url");
        }

        var json = await _fetcher.GetAsync(index, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException(ExitCodes.Network, $"index {index} not found or not readable (HTTP 404/403)");
        List<SnapshotIndexEntry> entries;
        try
        {
            entries = SnapshotJson.ParseIndex(json);
        }
        catch (JsonException e)
        {
            throw new AgentException(ExitCodes.Integrity, $"index {index} is not a snapshots.json array: {e.Message}");
        }

        var choice = IndexSelection.Choose(entries, node, index, height);
        var best = choice.Entry;
        var archive = new Uri(index, best.Url);
        var how = height is null ? "the highest compatible" : "--height";
        _log.Info($"selected {archive} (height {best.Height}, db major {best.DbMajor}; {how}) from {index}; {choice.Incompatible} other entries incompatible, {choice.OtherCompatible} compatible but not chosen");
        var (digest, origin) = pinned is not null
            ? (pinned, "pinned --sha256")
            : best.Sha256 is { } indexed && Sha256Text.IsDigest(indexed)
                ? (indexed.ToLowerInvariant(), $"index {index}")
                : await SidecarDigestAsync(archive, cancellationToken).ConfigureAwait(false);
        if (pinned is not null && best.Sha256 is { } published && !string.Equals(published, pinned, StringComparison.OrdinalIgnoreCase))
        {
            _log.Warn($"the index publishes {published.ToLowerInvariant()} for {archive}, the pinned --sha256 {pinned} wins");
        }

        return new ResolvedSnapshot(archive, digest, origin, best.Height, best.Flags);
    }

    private async Task<ResolvedSnapshot> FromUrlAsync(Uri url, string? pinned, NodeRequirements node, CancellationToken cancellationToken)
    {
        // A direct URL has no index entry; our manifest beside it (if any) still lets the
        // compatibility check run before the download. A bare ipfs://<cid> has nothing beside it.
        var bareCid = IpfsUrl.Is(url) && IpfsUrl.Path(url).Length == 0;
        var manifestUrl = new Uri(url + ".manifest.json");
        SnapshotManifest? manifest = null;
        try
        {
            var text = bareCid ? null : await _fetcher.GetAsync(manifestUrl, cancellationToken).ConfigureAwait(false);
            manifest = text is null ? null : SnapshotJson.ParseManifest(text);
        }
        catch (JsonException e)
        {
            _log.Warn($"ignoring unreadable manifest {manifestUrl}: {e.Message}");
        }

        if (manifest is not null)
        {
            var entry = new SnapshotIndexEntry { Url = url.ToString(), Network = manifest.Network, Implementation = manifest.Implementation, DbMajor = manifest.DbMajor, Flags = manifest.Flags, Height = manifest.Height };
            if (SnapshotCompatibility.CheckSafely(entry, node, null) is { } reason)
            {
                throw new AgentException(ExitCodes.Incompatible, $"snapshot {url} does not fit the node: {reason} (from {manifestUrl})");
            }
        }
        else if (node.Implementation == Implementation.Zcashd)
        {
            throw new AgentException(ExitCodes.Incompatible, $"no manifest at {manifestUrl}: cannot check the zcashd flags of {url}");
        }

        if (bareCid && pinned is null)
        {
            throw new AgentException(ExitCodes.Integrity, $"no digest for {url}: a bare CID has no .sha256 beside it; pin one with --sha256 or use an index (an unverified state is never restored)");
        }

        var (digest, origin) = pinned is not null ? (pinned, "pinned --sha256") : await SidecarDigestAsync(url, cancellationToken).ConfigureAwait(false);
        return new ResolvedSnapshot(url, digest, origin, manifest?.Height, manifest?.Flags);
    }

    private async Task<(string Digest, string Origin)> SidecarDigestAsync(Uri archive, CancellationToken cancellationToken)
    {
        var sidecar = new Uri(archive + ".sha256");
        var text = await _fetcher.GetAsync(sidecar, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException(ExitCodes.Integrity, $"no digest for {archive}: {sidecar} not found and no --sha256 given (an unverified state is never restored)");
        try
        {
            return (Sha256Text.Parse(text, sidecar.ToString()), sidecar.ToString());
        }
        catch (FormatException e)
        {
            throw new AgentException(ExitCodes.Integrity, e.Message);
        }
    }
}
