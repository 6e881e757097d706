using System.Net;
using System.Net.Http.Headers;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.IO;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// An archive over HTTP(S). Resumes with <c>Range: bytes=N-</c>, guarded by <c>If-Range</c> with
/// the first response's ETag so a replaced object is never spliced onto the old one's prefix.
/// 5xx, 408, 429 and connection failures are transient; other 4xx are final.
/// </summary>
public sealed class HttpRangeSource : IRangeSource
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private EntityTagHeaderValue? _etag;

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
            if (_etag is { IsWeak: false } etag)
            {
                request.Headers.IfRange = new RangeConditionHeaderValue(etag);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TransientSourceException($"request failed: {e.Message}", e);
        }

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

    private async Task<RangeResponse> Accept(HttpResponseMessage response, long offset, CancellationToken cancellationToken)
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

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (offset == 0)
        {
            _etag = response.Headers.ETag;
            return new RangeResponse(new OwningStream(body, response), response.Content.Headers.ContentLength);
        }

        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != offset)
            {
                throw new AgentException(ExitCodes.Network, $"server answered Range bytes={offset}- with {range} for {_url}");
            }

            return new RangeResponse(new OwningStream(body, response), range.Length);
        }

        // 200 to a ranged request: either the server ignores ranges or If-Range failed because the
        // object changed. Splicing would be wrong in the second case, so give up clearly.
        throw new AgentException(ExitCodes.Network, $"cannot resume {_url} at byte {offset}: the server sent the whole object (it ignores Range, or the object changed during the download)");
    }
}
