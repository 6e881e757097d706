using System.Net;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Ipfs;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// Small documents (an index, a <c>.sha256</c>, a manifest) over http(s), file://, s3://, gs:// or ipfs://,
/// with the same bounded retries as archives. A missing document is <c>null</c>, not an error: the
/// caller decides whether it was optional.
/// </summary>
public sealed class TextFetcher
{
    /// <summary>Refuse absurdly large "small" documents instead of buffering them.</summary>
    private const int MaxBytes = 16 << 20;

    private readonly UrlSources _sources;
    private readonly RetryPolicy _policy;
    private readonly AgentLog _log;

    public TextFetcher(UrlSources sources, RetryPolicy policy, AgentLog log)
    {
        _sources = sources;
        _policy = policy;
        _log = log;
    }

    public async Task<string?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.IsFile)
        {
            return File.Exists(url.LocalPath) ? await File.ReadAllTextAsync(url.LocalPath, cancellationToken).ConfigureAwait(false) : null;
        }

        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                if (IpfsUrl.Is(url))
                {
                    return await FromGatewaysAsync(url, cancellationToken).ConfigureAwait(false);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_policy.StallTimeout);
                return ObjectStores.IsObjectUrl(url)
                    ? await FromStoreAsync(url, timeout.Token).ConfigureAwait(false)
                    : await FromHttpAsync(url, timeout.Token).ConfigureAwait(false);
            }
            catch (TransientSourceException e)
            {
                failure = e.Message;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failure = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {_policy.StallTimeout.TotalSeconds:0.##} s";
            }

            if (attempt >= _policy.MaxAttempts)
            {
                throw new AgentException(ExitCodes.Network, $"fetching {url} failed after {attempt} attempts: {failure}");
            }

            var wait = _policy.BackoffFor(attempt);
            _log.Warn($"{url}: {failure}; retrying in {wait.TotalSeconds:0.##} s");
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> FromHttpAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _sources.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // S3 and GCS answer 403 for a missing object in a public bucket that forbids listing.
            return null;
        }

        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new TransientSourceException($"HTTP {status}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new AgentException(ExitCodes.Network, $"HTTP {status} {response.ReasonPhrase} for {url}");
        }

        CheckSize(url, response.Content.Headers.ContentLength);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One round over the gateways, in order, each with its own stall timeout: the first that has
    /// the document answers; all "not found" is null; otherwise the round failed and is retried.
    /// </summary>
    private async Task<string?> FromGatewaysAsync(Uri url, CancellationToken cancellationToken)
    {
        var gateways = (_sources.Ipfs ?? throw UrlSources.NoGateway(url)).For(url);
        var failures = new List<string>();
        foreach (var (gateway, through) in gateways)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_policy.StallTimeout);
                if (await FromHttpAsync(through, timeout.Token).ConfigureAwait(false) is { } text)
                {
                    _log.Info($"{url}: read through gateway {gateway}");
                    return text;
                }

                _log.Warn($"{url}: gateway {gateway} answered not found");
            }
            catch (Exception e) when (e is TransientSourceException or HttpRequestException or IOException or AgentException { ExitCode: ExitCodes.Network }
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var failure = e is OperationCanceledException ? $"no answer within {_policy.StallTimeout.TotalSeconds:0.##} s" : e.Message;
                _log.Warn($"{url}: gateway {gateway} failed: {failure}");
                failures.Add($"{gateway}: {failure}");
            }
        }

        return failures.Count == 0 ? null : throw new TransientSourceException(string.Join("; ", failures));
    }

    private async Task<string?> FromStoreAsync(Uri url, CancellationToken cancellationToken)
    {
        // Through the bucket's client with the pod's credentials: 403 here means this identity
        // may not read the object, which the store reports as an error rather than "missing".
        var target = _sources.Stores.Locate(url);
        var read = await target.Store.OpenReadAsync(target.Key, 0, null, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return null;
        }

        await using (read.Body.ConfigureAwait(false))
        {
            CheckSize(url, read.TotalLength);
            using var reader = new StreamReader(read.Body);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CheckSize(Uri url, long? length)
    {
        if (length > MaxBytes)
        {
            throw new AgentException(ExitCodes.Network, $"{url} is {length} bytes, too large for an index or digest file");
        }
    }
}
