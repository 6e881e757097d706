using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Verify;

/// <summary>
/// verify: the restore pass without writing: digest, decompression and every entry's safety (and,
/// given a node, its layout), reading each byte once. Nothing is extracted.
/// </summary>
public sealed class SnapshotVerifier
{
    private readonly HttpClient _http;
    private readonly AgentLog _log;

    public SnapshotVerifier(HttpClient http, AgentLog log)
    {
        _http = http;
        _log = log;
    }

    public async Task<VerifyResult> RunAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        var name = request.Archive.IsFile ? request.Archive.LocalPath : request.Archive.ToString();
        var expected = request.Sha256?.ToLowerInvariant() ?? await SidecarAsync(request, cancellationToken).ConfigureAwait(false);
        var layout = request.Node is { } node ? StateLayout.For(node) : null;
        var extractor = new SafeTarExtractor(PhysicalExtractionFileSystem.Instance, _log);
        ExtractionStats? stats = null;
        FeedResult feed;
        try
        {
            feed = await ArchiveFeed.RunAsync(
                AgentHttp.SourceFor(request.Archive, _http),
                request.Retry,
                _log,
                request.ProgressInterval,
                (stream, token) =>
                {
                    var (tar, format) = PrefixedStream.OpenDecompressed(stream);
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

    private async Task<string> SidecarAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        var sidecar = new Uri(request.Archive + ".sha256");
        var text = await new TextFetcher(_http, request.Retry, _log).GetAsync(sidecar, cancellationToken).ConfigureAwait(false)
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
