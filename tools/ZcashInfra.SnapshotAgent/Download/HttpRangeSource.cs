using System.Net;
using System.Net.Http.Headers;
using ZcashInfra.SnapshotAgent.Errors;

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
            return new RangeResponse(new OwnedResponseStream(body, response), response.Content.Headers.ContentLength);
        }

        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != offset)
            {
                throw new AgentException(ExitCodes.Network, $"server answered Range bytes={offset}- with {range} for {_url}");
            }

            return new RangeResponse(new OwnedResponseStream(body, response), range.Length);
        }

        // 200 to a ranged request: either the server ignores ranges or If-Range failed because the
        // object changed. Splicing would be wrong in the second case, so give up clearly.
        throw new AgentException(ExitCodes.Network, $"cannot resume {_url} at byte {offset}: the server sent the whole object (it ignores Range, or the object changed during the download)");
    }

    /// <summary>Keeps the response alive as long as its body stream is read.</summary>
    private sealed class OwnedResponseStream : Stream
    {
        private readonly Stream _body;
        private readonly HttpResponseMessage _response;

        public OwnedResponseStream(Stream body, HttpResponseMessage response)
        {
            _body = body;
            _response = response;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _body.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _body.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _body.Dispose();
                _response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
