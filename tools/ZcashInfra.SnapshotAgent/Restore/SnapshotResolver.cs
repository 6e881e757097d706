using System.Text.Json;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
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

    public async Task<ResolvedSnapshot> ResolveAsync(Uri? index, Uri? url, string? pinnedSha256, NodeRequirements node, CancellationToken cancellationToken)
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

        var indexNetwork = Networks.FromIndexUrl(index);
        var rejected = new List<string>();
        SnapshotIndexEntry? best = null;
        foreach (var entry in entries)
        {
            var reason = SafeCheck(entry, node, indexNetwork);
            if (reason is not null)
            {
                rejected.Add($"{Path.GetFileName(entry.Url)} ({reason})");
            }
            else if (best is null || entry.Height > best.Height)
            {
                best = entry;
            }
        }

        if (best is null)
        {
            var why = rejected.Count == 0 ? "the index is empty" : string.Join("; ", rejected.Take(5));
            throw new AgentException(ExitCodes.Incompatible, $"no snapshot in {index} fits a {SnapshotCompatibility.Name(node.Implementation)} {node.Network} node with db major {node.DbMajor}: {why}");
        }

        var archive = new Uri(index, best.Url);
        _log.Info($"selected {archive} (height {best.Height}, db major {best.DbMajor}) from {index}; {rejected.Count} other entries incompatible");
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

    private static string? SafeCheck(SnapshotIndexEntry entry, NodeRequirements node, string? indexNetwork)
    {
        try
        {
            return SnapshotCompatibility.Check(entry, node, indexNetwork);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return e.Message;
        }
    }

    private async Task<ResolvedSnapshot> FromUrlAsync(Uri url, string? pinned, NodeRequirements node, CancellationToken cancellationToken)
    {
        // A direct URL has no index entry; our manifest beside it (if any) still lets the
        // compatibility check run before the download.
        var manifestUrl = new Uri(url + ".manifest.json");
        SnapshotManifest? manifest = null;
        try
        {
            var text = await _fetcher.GetAsync(manifestUrl, cancellationToken).ConfigureAwait(false);
            manifest = text is null ? null : SnapshotJson.ParseManifest(text);
        }
        catch (JsonException e)
        {
            _log.Warn($"ignoring unreadable manifest {manifestUrl}: {e.Message}");
        }

        if (manifest is not null)
        {
            var entry = new SnapshotIndexEntry { Url = url.ToString(), Network = manifest.Network, Implementation = manifest.Implementation, DbMajor = manifest.DbMajor, Flags = manifest.Flags, Height = manifest.Height };
            if (SafeCheck(entry, node, null) is { } reason)
            {
                throw new AgentException(ExitCodes.Incompatible, $"snapshot {url} does not fit the node: {reason} (from {manifestUrl})");
            }
        }
        else if (node.Implementation == Implementation.Zcashd)
        {
            throw new AgentException(ExitCodes.Incompatible, $"no manifest at {manifestUrl}: cannot check the zcashd flags of {url}");
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
