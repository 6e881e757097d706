using System.Net;
using System.Net.Http.Headers;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.IO;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// An archive over HTTP(S). Resumes with <c>Range: bytes=N-</c>, guarded by <c>If-Range</c> with
/// the first response's validator (its strong ETag, else its Last-Modified), and every later
/// response's validator is compared with the first one's: a server that ignores If-Range and
/// answers 206 for a replaced object fails with "changed" instead of splicing the new object onto
/// the old one's prefix (RFC 9110 §13.1.5 If-Range, §15.3.7: a 206 carries the ETag a 200 would).
/// 5xx, 408, 429 and connection failures are transient; other 4xx are final.
/// </summary>
public sealed class HttpRangeSource : IParallelRangeSource
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private EntityTagHeaderValue? _etag;
    private DateTimeOffset? _lastModified;
    private long? _length;

    public HttpRangeSource(HttpClient http, Uri url)
    {
        _http = http;
        _url = url;
    }

    public string Name => _url.ToString();

    public async Task<RangeResponse> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            PinVersion(request);
        }

        var response = await SendAsync(request, "request", cancellationToken).ConfigureAwait(false);

        try
        {
            return await Accept(response, offset, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Asks for the version already seen (If-Range with its strong ETag, else its Last-Modified), so
    /// a server with a replaced object answers 200 instead of splicing its bytes (RFC 9110 §13.1.5).
    /// </summary>
    private void PinVersion(HttpRequestMessage request)
    {
        if (_etag is { IsWeak: false } etag)
        {
            request.Headers.IfRange = new RangeConditionHeaderValue(etag);
        }
        else if (_etag is null && _lastModified is { } modified)
        {
            request.Headers.IfRange = new RangeConditionHeaderValue(modified);
        }
    }

    /// <summary>Sends for the headers only; a failed request is transient (retried by the caller).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TransientSourceException($"{what} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// One range of the version the first response named: the same If-Range guard and validator
    /// comparison as a resume, so a range of a replaced object is never spliced in (RFC 9110
    /// §14.2 Range with a last-pos, §15.3.7 206 Content-Range).
    /// </summary>
    public async Task<Stream> OpenRangeAsync(long offset, long end, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        request.Headers.Range = new RangeHeaderValue(offset, end - 1);
        PinVersion(request);

        var response = await SendAsync(request, $"request for bytes {offset}-{end - 1}", cancellationToken).ConfigureAwait(false);

        try
        {
            ThrowOnFailure(response);
            CheckUnchanged(response, offset);
            if (response.StatusCode != HttpStatusCode.PartialContent)
            {
                throw new RangeNotHonouredException($"HTTP {(int)response.StatusCode} with the whole object to Range bytes={offset}-{end - 1}");
            }

            var range = response.Content.Headers.ContentRange;
            if (range?.From != offset)
            {
                throw new AgentException(ExitCodes.Network, $"server answered Range bytes={offset}-{end - 1} with {range} for {_url}");
            }

            if (_length is { } was && range.Length is { } now && now != was)
            {
                throw new AgentException(ExitCodes.Network, $"{_url} changed during the download: at byte {offset} the server answered for an object of {now} bytes, the download started with {was}; nothing was spliced, run again to fetch the new object");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new OwningStream(body, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private void ThrowOnFailure(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new TransientSourceException($"HTTP {status}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new AgentException(ExitCodes.Network, $"HTTP {status} {response.ReasonPhrase} for {_url}");
        }
    }

    private async Task<RangeResponse> Accept(HttpResponseMessage response, long offset, CancellationToken cancellationToken)
    {
        ThrowOnFailure(response);

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (offset == 0)
        {
            _etag = response.Headers.ETag;
            _lastModified = response.Content.Headers.LastModified;
            _length = response.Content.Headers.ContentLength;
            return new RangeResponse(new OwningStream(body, response), response.Content.Headers.ContentLength);
        }

        CheckUnchanged(response, offset);
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != offset)
            {
                throw new AgentException(ExitCodes.Network, $"server answered Range bytes={offset}- with {range} for {_url}");
            }

            if (_length is { } was && range.Length is { } now && now != was)
            {
                throw new AgentException(ExitCodes.Network, $"{_url} changed during the download: resuming at byte {offset}, the server answered for an object of {now} bytes, the download started with {was}; nothing was spliced, run again to fetch the new object");
            }

            return new RangeResponse(new OwningStream(body, response), range.Length);
        }

        // 200 to a ranged request: either the server ignores ranges or If-Range failed because the
        // object changed. Splicing would be wrong in the second case, so give up clearly.
        throw new AgentException(ExitCodes.Network, $"cannot resume {_url} at byte {offset}: the server sent the whole object (it ignores Range, or the object changed during the download)");
    }

    /// <summary>Fails with "changed" when <paramref name="response"/>'s validator differs from the first response's.</summary>
    private void CheckUnchanged(HttpResponseMessage response, long offset)
    {
        string? was = null, now = null;
        if (_etag is not null)
        {
            was = _etag.ToString();
            now = response.Headers.ETag?.ToString();
        }
        else if (_lastModified is { } modified && response.Content.Headers.LastModified is { } current)
        {
            was = modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            now = current.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (was is not null && !string.Equals(was, now, StringComparison.Ordinal))
        {
            throw new AgentException(ExitCodes.Network, $"{_url} changed during the download: resuming at byte {offset}, the server answered HTTP {(int)response.StatusCode} for {(now is null ? "an object without a validator" : now)}, the download started with {was}; nothing was spliced, run again to fetch the new object");
        }
    }
}
