using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// A GCS resumable upload through the JSON API (Cloud Storage docs, "Perform resumable uploads"):
/// <c>POST /upload/storage/v1/b/BUCKET/o?uploadType=resumable&amp;name=OBJECT</c> opens a session
/// and answers with its URI in <c>Location</c>; the file then goes up in chunks, each a
/// <c>PUT</c> to the session URI with <c>Content-Range: bytes a-b/size</c> (every chunk but the
/// last a multiple of 256 KiB); GCS answers <c>308</c> with <c>Range: bytes=0-n</c> (what it has
/// persisted) until the last chunk, then <c>200</c>/<c>201</c>. After a reset or a 5xx/408/429
/// the agent asks where the session stands (an empty <c>PUT</c> with <c>Content-Range: bytes
/// */size</c>) and goes on from there, so a failure costs at most one chunk. The object appears
/// only when the last chunk is accepted; a failed upload cancels its session (<c>DELETE</c>,
/// answered <c>499</c>). The session URI authorizes uploads by itself, so it is never logged.
/// </summary>
internal sealed class GcsResumableUpload
{
    /// <summary>Chunks other than the last must be multiples of this.</summary>
    public const int ChunkUnit = 256 * 1024;

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly string _described;
    private readonly RetryPolicy _retry;

    public GcsResumableUpload(HttpClient http, IAccessTokenSource tokens, string described, RetryPolicy retry)
    {
        _http = http;
        _tokens = tokens;
        _described = described;
        _retry = retry;
    }

    public async Task RunAsync(Uri start, string path, string contentType, int chunkBytes, Action<long> sent, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        var size = file.Length;
        var session = await OpenAsync(start, contentType, size, cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAsync(session, file, size, chunkBytes, sent, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await CancelAsync(session).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<Uri> OpenAsync(Uri start, string contentType, long size, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            using var request = await RequestAsync(HttpMethod.Post, start, cancellationToken).ConfigureAwait(false);
            request.Headers.Add("X-Upload-Content-Type", contentType);
            request.Headers.Add("X-Upload-Content-Length", size.ToString(CultureInfo.InvariantCulture));
            request.Content = new ByteArrayContent([]);
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response.Headers.Location is { IsAbsoluteUri: true } location
                        ? location
                        : throw new AgentException(ExitCodes.Network, $"GCS opened no resumable upload session for {_described} (no Location)");
                }

                if (!Transient(response.StatusCode) || failures >= _retry.MaxAttempts)
                {
                    throw new AgentException(ExitCodes.Network, $"GCS POST {_described} (resumable upload): HTTP {(int)response.StatusCode} {await ShortBodyAsync(response, cancellationToken).ConfigureAwait(false)}");
                }
            }
            catch (HttpRequestException) when (failures < _retry.MaxAttempts)
            {
            }

            await Task.Delay(_retry.BackoffFor(failures), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(Uri session, FileStream file, long size, int chunkBytes, Action<long> sent, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(chunkBytes, Math.Max(size, 1))];
        long offset = 0;
        var failures = 0;
        while (true)
        {
            var length = (int)Math.Min(buffer.Length, size - offset);
            await RandomAccess.ReadAsync(file.SafeFileHandle, buffer.AsMemory(0, length), offset, cancellationToken).ConfigureAwait(false);
            using var request = await RequestAsync(HttpMethod.Put, session, cancellationToken).ConfigureAwait(false);
            request.Content = new ByteArrayContent(buffer, 0, length);
            request.Content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + length - 1, size);
            long? persisted;
            var failed = false;
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                persisted = await PersistedAsync(response, size, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TransientSourceException)
            {
                if (++failures >= _retry.MaxAttempts)
                {
                    throw new AgentException(ExitCodes.Network, $"GCS resumable upload of {_described} failed {failures} times in a row at byte {offset}: {e.Message}", e);
                }

                failed = true;
                await Task.Delay(_retry.BackoffFor(failures), cancellationToken).ConfigureAwait(false);
                persisted = await QueryAsync(session, size, cancellationToken).ConfigureAwait(false);
            }

            if (persisted is not { } next)
            {
                sent(size - offset);
                return;
            }

            if (next > offset)
            {
                sent(next - offset);
                failures = 0;
            }
            else if (!failed && ++failures >= _retry.MaxAttempts)
            {
                // A 308 that keeps nothing of the chunk, again and again: no progress is possible.
                throw new AgentException(ExitCodes.Network, $"GCS resumable upload of {_described} made no progress {failures} times in a row at byte {offset}");
            }

            offset = next;
        }
    }

    /// <summary>Where the session stands after a failure: persisted bytes, or null when the object is complete. Failures here count too.</summary>
    private async Task<long?> QueryAsync(Uri session, long size, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            using var request = await RequestAsync(HttpMethod.Put, session, cancellationToken).ConfigureAwait(false);
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"bytes */{size.ToString(CultureInfo.InvariantCulture)}");
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return await PersistedAsync(response, size, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is HttpRequestException or TransientSourceException) && failures < _retry.MaxAttempts)
            {
                await Task.Delay(_retry.BackoffFor(failures), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>308: bytes persisted (the end of its Range + 1, 0 without one); 200/201: null (done); a retryable failure throws <see cref="TransientSourceException"/>, anything else <see cref="AgentException"/>.</summary>
    private async Task<long?> PersistedAsync(HttpResponseMessage response, long size, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status == 308)
        {
            var range = response.Headers.TryGetValues("Range", out var values) ? values.First() : null;
            if (range is null)
            {
                return 0;
            }

            var dash = range.IndexOf('-', StringComparison.Ordinal);
            return range.StartsWith("bytes=0-", StringComparison.Ordinal) && long.TryParse(range.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last < size
                ? last + 1
                : throw new AgentException(ExitCodes.Network, $"GCS resumable upload of {_described}: unexpected Range '{range}' for {size} bytes");
        }

        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
        {
            return null;
        }

        if (Transient(response.StatusCode))
        {
            throw new TransientSourceException($"GCS HTTP {status}");
        }

        var hint = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? " (the upload session expired or was cancelled)" : "";
        throw new AgentException(ExitCodes.Network, $"GCS resumable upload of {_described}: HTTP {status}{hint} {await ShortBodyAsync(response, cancellationToken).ConfigureAwait(false)}");
    }

    /// <summary>Best effort: a session left open would expire by itself after a week, holding nothing visible.</summary>
    private async Task CancelAsync(Uri session)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var request = await RequestAsync(HttpMethod.Delete, session, timeout.Token).ConfigureAwait(false);
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The upload already failed; that error is the one to report.
        }
    }

    private static bool Transient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return request;
    }

    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body[..Math.Min(body.Length, 300)].ReplaceLineEndings(" ");
    }
}
