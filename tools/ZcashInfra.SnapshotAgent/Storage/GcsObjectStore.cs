using System.Net;
using System.Net.Http.Headers;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.IO;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// GCS through its XML API, and its JSON API for uploads (plain HTTP; why not Google.Cloud.Storage.V1: the agent README, "GCS: the hand-written client, not Google.Cloud.Storage.V1").
/// Preconditions use generations: <c>x-goog-if-generation-match: 0</c> creates only if absent,
/// <c>x-goog-if-generation-match: &lt;g&gt;</c> replaces only if unchanged, and a resumed ranged
/// read only continues the generation it started on. Every request carries a bearer token from
/// <see cref="IAccessTokenSource"/>; the token is never logged.
/// </summary>
public sealed class GcsObjectStore : IObjectStore
{
    public const string GenerationHeader = "x-goog-generation";
    public const string IfGenerationMatchHeader = "x-goog-if-generation-match";
    public static readonly Uri DefaultEndpoint = new("https://storage.googleapis.com/");

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly string _bucket;
    private readonly Uri _endpoint;

    public GcsObjectStore(HttpClient http, IAccessTokenSource tokens, string bucket, Uri? endpoint = null)
    {
        _http = http;
        _tokens = tokens;
        _bucket = bucket;
        _endpoint = endpoint ?? DefaultEndpoint;
    }

    /// <summary>Files larger than this go up as a resumable upload in chunks of this size (a multiple of 256 KiB); smaller ones in one PUT.</summary>
    public int ResumableChunkBytes { get; init; } = 16 << 20;

    /// <summary>Failures in a row, and the delay between them, before a resumable upload (or one part, or one compose) gives up.</summary>
    public RetryPolicy UploadRetry { get; init; } = RetryPolicy.Default;

    /// <summary>
    /// Files larger than <see cref="UploadTuning.PartBytes"/> go up as a parallel composite upload
    /// (<see cref="GcsCompositeUpload"/>) when <see cref="UploadTuning.Connections"/> is above 1;
    /// with 1 connection, or smaller files, as before (one PUT, or one resumable upload).
    /// </summary>
    public UploadTuning Upload { get; init; } = UploadTuning.Default;

    /// <summary>Where a composite upload logs its plan, retried parts and cleanup.</summary>
    public AgentLog Log { get; init; } = AgentLog.Null;

    public string Describe(string key) => $"gs://{_bucket}/{key}";

    public Uri Url(string key) => new($"gs://{_bucket}/{ObjectKeys.Escape(key)}");

    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken) =>
        UploadFileAsync(key, path, contentType, _ => { }, cancellationToken);

    public async Task UploadFileAsync(string key, string path, string contentType, Action<long> sent, CancellationToken cancellationToken)
    {
        if (ResumableChunkBytes % GcsResumableUpload.ChunkUnit != 0)
        {
            throw new InvalidOperationException($"resumable chunks must be multiples of {GcsResumableUpload.ChunkUnit} bytes");
        }

        var size = new FileInfo(path).Length;
        if (Upload.Connections > 1 && size > Upload.PartBytes)
        {
            var json = new GcsJsonClient(_http, _tokens, _bucket, _endpoint);
            await new GcsCompositeUpload(json, UploadRetry, Upload, Log).RunAsync(key, path, contentType, sent, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (size > ResumableChunkBytes)
        {
            var start = new Uri(_endpoint, $"upload/storage/v1/b/{Uri.EscapeDataString(_bucket)}/o?uploadType=resumable&name={Uri.EscapeDataString(key)}");
            await new GcsResumableUpload(_http, _tokens, Describe(key), UploadRetry).RunAsync(start, path, contentType, ResumableChunkBytes, sent, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(new IO.CountingReadStream(file, sent), 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.ContentLength = file.Length;
        using var request = await RequestAsync(HttpMethod.Put, key, cancellationToken).ConfigureAwait(false);
        request.Content = content;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, key, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredText?> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Get, key, cancellationToken).ConfigureAwait(false);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, key, cancellationToken).ConfigureAwait(false);
        var generation = response.Headers.TryGetValues(GenerationHeader, out var values) ? values.First() : throw new HttpRequestException($"GCS returned no {GenerationHeader} for {Describe(key)}");
        return new StoredText(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), generation);
    }

    public async Task<bool> PutTextAsync(string key, string content, WriteCondition condition, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Put, key, cancellationToken).ConfigureAwait(false);
        request.Content = new StringContent(content, System.Text.Encoding.UTF8, "application/json");
        if (condition.IfAbsent)
        {
            request.Headers.Add(IfGenerationMatchHeader, "0");
        }
        else if (condition.IfVersion is { } generation)
        {
            request.Headers.Add(IfGenerationMatchHeader, generation);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        await EnsureAsync(response, key, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Delete, key, cancellationToken).ConfigureAwait(false);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureAsync(response, key, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ObjectRead?> OpenReadAsync(string key, long offset, string? version, CancellationToken cancellationToken)
    {
        HttpRequestMessage request;
        try
        {
            request = await RequestAsync(HttpMethod.Get, key, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // The metadata server is not answering (yet): GKE's can take a moment after pod start.
            throw new TransientSourceException($"no GCS access token for {Describe(key)}: {e.Message}", e);
        }

        HttpResponseMessage response;
        using (request)
        {
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            if (version is not null)
            {
                request.Headers.Add(IfGenerationMatchHeader, version);
            }

            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new TransientSourceException($"GCS GET {Describe(key)} failed: {e.Message}", e);
            }
        }

        try
        {
            return await AcceptReadAsync(response, key, offset, version, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<ObjectRead?> AcceptReadAsync(HttpResponseMessage response, string key, long offset, string? version, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new AgentException(ExitCodes.Network, $"{Describe(key)} changed during the download (its generation is no longer {version}); run again to fetch the new object");
        }

        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new TransientSourceException($"GCS HTTP {status}");
        }

        if (!response.IsSuccessStatusCode)
        {
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? ": the identity the agent runs as (Workload Identity service account, GOOGLE_OAUTH_ACCESS_TOKEN) may not read it"
                : "";
            throw new AgentException(ExitCodes.Network, $"GCS HTTP {status} for {Describe(key)}{hint} ({await ShortBodyAsync(response, cancellationToken).ConfigureAwait(false)})");
        }

        long? total = response.Content.Headers.ContentLength;
        if (offset > 0)
        {
            var range = response.Content.Headers.ContentRange;
            if (response.StatusCode != HttpStatusCode.PartialContent || range?.From != offset)
            {
                throw new AgentException(ExitCodes.Network, $"cannot resume {Describe(key)} at byte {offset}: GCS answered HTTP {status} with Content-Range '{range}'");
            }

            total = range.Length;
        }

        var generation = response.Headers.TryGetValues(GenerationHeader, out var values) ? values.First() : null;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new ObjectRead(new OwningStream(body, response), total ?? throw new AgentException(ExitCodes.Network, $"GCS sent no length for {Describe(key)}"), generation);
    }

    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body[..Math.Min(body.Length, 300)].ReplaceLineEndings(" ");
    }

    private Uri ObjectUrl(string key) => new(_endpoint, $"{Uri.EscapeDataString(_bucket)}/{ObjectKeys.Escape(key)}");

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string key, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, ObjectUrl(key));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return request;
    }

    private async Task EnsureAsync(HttpResponseMessage response, string key, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            // One line naming the object (exit 5): a missing bucket, a refused identity, a server error.
            throw new AgentException(ExitCodes.Network, $"GCS {response.RequestMessage?.Method} {Describe(key)}: HTTP {(int)response.StatusCode} {await ShortBodyAsync(response, cancellationToken).ConfigureAwait(false)}");
        }
    }
}
