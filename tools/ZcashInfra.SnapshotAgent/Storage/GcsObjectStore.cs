using System.Net;
using System.Net.Http.Headers;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// GCS through its XML API (plain HTTP; the Google client library is not on the package feed).
/// Preconditions use generations: <c>x-goog-if-generation-match: 0</c> creates only if absent,
/// <c>x-goog-if-generation-match: &lt;g&gt;</c> replaces only if unchanged.
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

    public string Describe(string key) => $"gs://{_bucket}/{key}";

    public Uri PublicUrl(string key) => ObjectUrl(key);

    public async Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(file, 1 << 20);
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

    private Uri ObjectUrl(string key) =>
        new(_endpoint, $"{Uri.EscapeDataString(_bucket)}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}");

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
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"GCS {response.RequestMessage?.Method} {Describe(key)}: HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}", null, response.StatusCode);
        }
    }
}
