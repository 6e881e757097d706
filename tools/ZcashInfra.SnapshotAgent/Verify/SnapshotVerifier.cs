using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Verify;

/// <summary>
/// verify: the restore pass without writing: digest, decompression and every entry's safety (and,
/// given a node, its layout), reading each byte once. Nothing is extracted. With an index, the
/// archive and its digest are chosen exactly as restore chooses them.
/// </summary>
public sealed class SnapshotVerifier
{
    private readonly UrlSources _sources;
    private readonly AgentLog _log;

    public SnapshotVerifier(UrlSources sources, AgentLog log)
    {
        _sources = sources;
        _log = log;
    }

    public async Task<VerifyResult> RunAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        var fetcher = new TextFetcher(_sources, request.Retry, _log);
        Uri archive;
        string expected;
        if (request.Index is { } index)
        {
            var forNode = request.Node ?? throw new AgentException(ExitCodes.Usage, "verify --index needs --network, --implementation and --db-major");
            var resolved = await new SnapshotResolver(fetcher, _log).ResolveAsync(index, null, request.Sha256, request.Height, forNode, cancellationToken).ConfigureAwait(false);
            (archive, expected) = (resolved.Url, resolved.Sha256);
        }
        else
        {
            archive = request.Archive ?? throw new AgentException(ExitCodes.Usage, "give --url, --file or --index");
            expected = request.Sha256?.ToLowerInvariant() ?? await SidecarAsync(fetcher, archive, cancellationToken).ConfigureAwait(false);
        }

        var name = archive.IsFile ? archive.LocalPath : archive.ToString();
        var layout = request.Node is { } node ? StateLayout.For(node) : null;
        var extractor = new SafeTarExtractor(PhysicalExtractionFileSystem.Instance, _log);
        ExtractionStats? stats = null;
        FeedResult feed;
        try
        {
            feed = await ArchiveFeed.RunAsync(
                _sources.Open(archive),
                request.Retry,
                _log,
                request.ProgressInterval,
                (stream, token) =>
                {
                    var (tar, format) = PrefixedStream.OpenDecompressed(stream, request.Retry.DecodeThreads);
                    using (tar)
                    {
                        _log.Info($"{name}: {format} archive");
                        stats = extractor.Extract(tar, "/nonexistent-verify-root", layout, write: false, token);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ArchiveErrors.Classify(e, name, null) is { } classified)
        {
            throw classified;
        }

        if (feed.Sha256 != expected)
        {
            throw new AgentException(ExitCodes.Integrity, $"digest mismatch for {name}: got sha256 {feed.Sha256}, expected {expected}");
        }

        var result = stats!;
        if (layout?.Description is { } description && result.Files == 0)
        {
            throw new AgentException(ExitCodes.Incompatible, $"{name} holds no {description} files");
        }

        _log.Info($"verified {name}: sha256 {feed.Sha256}, {ByteSize.Format(feed.Length)}, {result.Files} files ({ByteSize.Format(result.Bytes)}), top level: {string.Join(", ", result.TopLevel)}");
        return new VerifyResult(feed.Sha256, feed.Length, result);
    }

    private static async Task<string> SidecarAsync(TextFetcher fetcher, Uri archive, CancellationToken cancellationToken)
    {
        var sidecar = new Uri(archive + ".sha256");
        var text = await fetcher.GetAsync(sidecar, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException(ExitCodes.Integrity, $"no digest to verify against: {sidecar} not found and no --sha256 given");
        try
        {
            return Sha256Text.Parse(text, sidecar.ToString());
        }
        catch (FormatException e)
        {
            throw new AgentException(ExitCodes.Integrity, e.Message);
        }
    }
}
