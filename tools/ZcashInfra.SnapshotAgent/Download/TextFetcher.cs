using System.Net;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// Small documents (an index, a <c>.sha256</c>, a manifest) over http(s) or file://, with the same
/// bounded retries as archives. A missing document is <c>null</c>, not an error: the caller
/// decides whether it was optional.
/// </summary>
public sealed class TextFetcher
{
    /// <summary>Refuse absurdly large "small" documents instead of buffering them.</summary>
    private const int MaxBytes = 16 << 20;

    private readonly HttpClient _http;
    private readonly RetryPolicy _policy;
    private readonly AgentLog _log;

    public TextFetcher(HttpClient http, RetryPolicy policy, AgentLog log)
    {
        _http = http;
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
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_policy.StallTimeout);
                using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                {
                    // S3 and GCS answer 403 for a missing object in a bucket that forbids listing.
                    return null;
                }

                var status = (int)response.StatusCode;
                if (status < 500 && status is not 408 and not 429)
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new AgentException(ExitCodes.Network, $"HTTP {status} {response.ReasonPhrase} for {url}");
                    }

                    if (response.Content.Headers.ContentLength > MaxBytes)
                    {
                        throw new AgentException(ExitCodes.Network, $"{url} is {response.Content.Headers.ContentLength} bytes, too large for an index or digest file");
                    }

                    return await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                }

                failure = $"HTTP {status}";
            }
            catch (HttpRequestException e)
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
}
