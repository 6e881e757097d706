using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// The GCS JSON API calls a parallel composite upload needs, one request each (the caller retries):
/// <list type="bullet">
/// <item>objects.get, <c>GET /storage/v1/b/BUCKET/o/OBJECT</c>: the object resource, whose
/// <c>generation</c> is an int64 sent as a JSON string (cloud.google.com/storage/docs/json_api/v1/objects/get);</item>
/// <item>objects.insert as a single-request ("media") upload, <c>POST /upload/storage/v1/b/BUCKET/o?uploadType=media&amp;name=OBJECT</c>,
/// answered with the new object's resource (cloud.google.com/storage/docs/json_api/v1/objects/insert,
/// cloud.google.com/storage/docs/uploading-objects);</item>
/// <item>objects.compose, <c>POST /storage/v1/b/BUCKET/o/DESTINATION/compose?ifGenerationMatch=G</c> with
/// <c>{"kind":"storage#composeRequest","sourceObjects":[{"name","generation","objectPreconditions":{"ifGenerationMatch"}}],"destination":{…}}</c>:
/// 1 to 32 sources of the same bucket (and storage class), concatenated in order without moving data;
/// <c>ifGenerationMatch=0</c> succeeds only if there is no live destination (cloud.google.com/storage/docs/json_api/v1/objects/compose,
/// cloud.google.com/storage/docs/composite-objects);</item>
/// <item>objects.delete of one generation, <c>DELETE /storage/v1/b/BUCKET/o/OBJECT?generation=G</c> (cloud.google.com/storage/docs/json_api/v1/objects/delete);</item>
/// <item>objects.list, <c>GET /storage/v1/b/BUCKET/o?prefix=P</c>, paged by <c>nextPageToken</c> (cloud.google.com/storage/docs/json_api/v1/objects/list).</item>
/// </list>
/// Object names go into the path percent-encoded whole (a <c>/</c> as <c>%2F</c>: "Encoding URI path parts").
/// A 5xx, 408, 429 or a broken connection throws <see cref="TransientSourceException"/>, anything
/// else unexpected <see cref="AgentException"/> (exit 5) naming the object; tokens never appear.
/// </summary>
internal sealed class GcsJsonClient
{
    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly string _bucket;
    private readonly Uri _endpoint;

    public GcsJsonClient(HttpClient http, IAccessTokenSource tokens, string bucket, Uri endpoint)
    {
        _http = http;
        _tokens = tokens;
        _bucket = bucket;
        _endpoint = endpoint;
    }

    public string Describe(string name) => $"gs://{_bucket}/{name}";

    /// <summary>The live generation of <paramref name="name"/>, or null when there is none.</summary>
    public async Task<long?> GenerationAsync(string name, CancellationToken cancellationToken)
    {
        using var resource = await ResourceAsync(name, cancellationToken).ConfigureAwait(false);
        return resource is null ? null
            : Generation(resource.RootElement) ?? throw new AgentException(ExitCodes.Network, $"GCS answered for {Describe(name)} without a generation");
    }

    /// <summary>
    /// The user metadata value <paramref name="key"/> of the live <paramref name="name"/> (the
    /// resource's <c>metadata</c> map), or null when the object or the key is absent.
    /// </summary>
    public async Task<string?> MetadataAsync(string name, string key, CancellationToken cancellationToken)
    {
        using var resource = await ResourceAsync(name, cancellationToken).ConfigureAwait(false);
        return resource is not null && resource.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    /// <summary>The object resource of the live <paramref name="name"/> (objects.get), or null when there is none.</summary>
    private async Task<JsonDocument?> ResourceAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, ObjectUri(name, ""), null, name, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, "GET", name, cancellationToken).ConfigureAwait(false);
        return await ParseAsync(response, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads <paramref name="content"/> as <paramref name="name"/> in one request; the new generation.</summary>
    public async Task<long> InsertAsync(string name, HttpContent content, CancellationToken cancellationToken)
    {
        var uri = new Uri(_endpoint, $"upload/storage/v1/b/{Uri.EscapeDataString(_bucket)}/o?uploadType=media&name={Uri.EscapeDataString(name)}");
        using var response = await SendAsync(HttpMethod.Post, uri, content, name, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "POST (upload)", name, cancellationToken).ConfigureAwait(false);
        return await GenerationOfAsync(response, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Composes <paramref name="sources"/> (each pinned to its generation, twice: as the source's
    /// <c>generation</c> and as its <c>ifGenerationMatch</c> precondition) into
    /// <paramref name="destination"/> if its live generation is <paramref name="ifGenerationMatch"/>
    /// (0: absent; null: whatever it is), with the user <paramref name="metadata"/> on the result.
    /// The new generation, or null when a precondition failed (HTTP 412).
    /// </summary>
    public async Task<long?> ComposeAsync(string destination, IReadOnlyList<GcsComponent> sources, long? ifGenerationMatch, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(ComposeBody(sources, contentType, metadata));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var query = ifGenerationMatch is { } match ? $"/compose?ifGenerationMatch={match.ToString(CultureInfo.InvariantCulture)}" : "/compose";
        using var response = await SendAsync(HttpMethod.Post, ObjectUri(destination, query), content, destination, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return null;
        }

        await EnsureAsync(response, "compose", destination, cancellationToken).ConfigureAwait(false);
        return await GenerationOfAsync(response, destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one generation of <paramref name="name"/> (no error when it is gone already).</summary>
    public async Task DeleteAsync(string name, long generation, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, ObjectUri(name, $"?generation={generation.ToString(CultureInfo.InvariantCulture)}"), null, name, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureAsync(response, "DELETE", name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every live object whose name starts with <paramref name="prefix"/>, page by page.</summary>
    public async Task<List<GcsComponent>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var found = new List<GcsComponent>();
        string? page = null;
        do
        {
            var query = $"storage/v1/b/{Uri.EscapeDataString(_bucket)}/o?prefix={Uri.EscapeDataString(prefix)}" + (page is null ? "" : $"&pageToken={Uri.EscapeDataString(page)}");
            using var response = await SendAsync(HttpMethod.Get, new Uri(_endpoint, query), null, prefix, cancellationToken).ConfigureAwait(false);
            await EnsureAsync(response, "list", prefix + "*", cancellationToken).ConfigureAwait(false);
            using var document = await ParseAsync(response, prefix, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.TryGetProperty("name", out var name) && name.GetString() is { } text && Generation(item) is { } generation)
                    {
                        found.Add(new GcsComponent(text, generation));
                    }
                }
            }

            page = document.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (page is { Length: > 0 });
        return found;
    }

    /// <summary>The composeRequest of the reference page, written field by field.</summary>
    private static byte[] ComposeBody(IReadOnlyList<GcsComponent> sources, string contentType, IReadOnlyDictionary<string, string>? metadata)
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "storage#composeRequest");
            writer.WriteStartArray("sourceObjects");
            foreach (var source in sources)
            {
                var generation = source.Generation.ToString(CultureInfo.InvariantCulture);
                writer.WriteStartObject();
                writer.WriteString("name", source.Name);
                writer.WriteString("generation", generation);
                writer.WriteStartObject("objectPreconditions");
                writer.WriteString("ifGenerationMatch", generation);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("destination");
            writer.WriteString("contentType", contentType);
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject("metadata");
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return body.ToArray();
    }

    private Uri ObjectUri(string name, string suffix) =>
        new(_endpoint, $"storage/v1/b/{Uri.EscapeDataString(_bucket)}/o/{Uri.EscapeDataString(name)}{suffix}");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, HttpContent? content, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        try
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
            var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                response.Dispose();
                throw new TransientSourceException($"GCS {method} {Describe(name)}: HTTP {status}");
            }

            return response;
        }
        catch (HttpRequestException e)
        {
            // A reset, a refused connection, or a metadata server not answering (yet).
            throw new TransientSourceException($"GCS {method} {Describe(name)} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientSourceException($"GCS {method} {Describe(name)} timed out", e);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, string operation, string name, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? " (the identity the agent runs as may not do this: publish needs storage.objects.create, get, list and delete)"
                : "";
            throw new AgentException(ExitCodes.Network, $"GCS {operation} {Describe(name)}: HTTP {(int)response.StatusCode}{hint} {body[..Math.Min(body.Length, 300)].ReplaceLineEndings(" ")}".TrimEnd());
        }
    }

    private async Task<long> GenerationOfAsync(HttpResponseMessage response, string name, CancellationToken cancellationToken)
    {
        using var document = await ParseAsync(response, name, cancellationToken).ConfigureAwait(false);
        return Generation(document.RootElement) ?? throw new AgentException(ExitCodes.Network, $"GCS answered for {Describe(name)} without a generation");
    }

    private async Task<JsonDocument> ParseAsync(HttpResponseMessage response, string name, CancellationToken cancellationToken)
    {
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException e)
        {
            throw new AgentException(ExitCodes.Network, $"GCS answered for {Describe(name)} with something other than JSON", e);
        }
    }

    /// <summary>The object resource's <c>generation</c>: an int64 as a JSON string (or, leniently, a number).</summary>
    private static long? Generation(JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("generation", out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var g) => g,
            JsonValueKind.Number when value.TryGetInt64(out var g) => g,
            _ => null,
        };
    }
}
