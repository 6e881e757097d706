using System.Net.Http.Headers;
using System.Text.Json;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// Adds files to a Kubo node through its RPC API: <c>POST /api/v0/add?cid-version=1&amp;raw-leaves=true&amp;pin=true</c>
/// with the file as a multipart/form-data part named "file", answered 200 with
/// <c>{"Bytes","Hash","Name","Size"}</c> objects (ipfs/ipfs-docs docs/reference/kubo/rpc.md,
/// "/api/v0/add" and "HTTP status codes": 500 carries the error message in the body; a streaming
/// endpoint that fails after its 200 says so in a trailer or its last object). The CID is the one
/// the node returns; the agent never computes one. The RPC API is admin access to the node: the
/// same page says never to expose it publicly, so it is reached inside the cluster, optionally
/// with an Authorization header (Kubo's API.Authorizations) whose value is never logged.
/// </summary>
public sealed class KuboRpcClient
{
    private readonly HttpClient _http;
    private readonly Uri _api;
    private readonly string? _authorization;

    /// <param name="http">The agent's HttpClient.</param>
    /// <param name="api">The RPC root, http(s)://host:port (from an ipfs+http(s):// publish target).</param>
    /// <param name="authorization">A whole Authorization header value ("Bearer …" or "Basic …"), or null.</param>
    public KuboRpcClient(HttpClient http, Uri api, string? authorization)
    {
        _http = http;
        _api = api;
        _authorization = authorization;
    }

    /// <summary>How the node is named in logs (no credentials: the URL carries none).</summary>
    public string Describe() => _api.GetLeftPart(UriPartial.Authority);

    /// <summary>Adds <paramref name="path"/> as <paramref name="name"/>, pinned, as CIDv1 with raw leaves; returns the CID the node computed.</summary>
    public Task<string> AddAsync(string path, string name, CancellationToken cancellationToken) => AddAsync(path, name, _ => { }, cancellationToken);

    /// <summary>As <see cref="AddAsync(string, string, CancellationToken)"/>, calling <paramref name="sent"/> with each batch of the file's bytes handed to the node (progress).</summary>
    public async Task<string> AddAsync(string path, string name, Action<long> sent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_api, "api/v0/add?cid-version=1&raw-leaves=true&pin=true&progress=false"));
        if (_authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        var file = new IO.CountingReadStream(File.OpenRead(path), sent);
        var part = new StreamContent(file, 1 << 20);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { part, "file", name } };
        request.Content = form;

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: adding {name} failed: {e.Message}", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: adding {name} answered HTTP {(int)response.StatusCode}: {ErrorMessage(body)}");
            }

            if (response.TrailingHeaders.TryGetValues("X-Stream-Error", out var streamError) && string.Join(" ", streamError) is { Length: > 0 } error)
            {
                throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: adding {name} failed while streaming: {error}");
            }

            return HashFor(body, name);
        }
    }

    /// <summary>The Hash of the object for <paramref name="name"/> in an add response (one JSON object per line).</summary>
    internal string HashFor(string body, string name)
    {
        string? hash = null;
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (root.TryGetProperty("Type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "error")
                {
                    throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: adding {name} failed: {ErrorMessage(line)}");
                }

                if (root.TryGetProperty("Hash", out var h) && h.ValueKind == JsonValueKind.String
                    && root.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == name)
                {
                    hash = h.GetString();
                }
            }
            catch (JsonException e)
            {
                throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: the add response for {name} is not JSON: {e.Message}");
            }
        }

        if (hash is null)
        {
            throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: the add response names no Hash for {name}");
        }

        if (IpfsCid.Problem(hash) is { } problem)
        {
            throw new AgentException(ExitCodes.Network, $"Kubo RPC {Describe()}: the node returned a Hash that is not a CID: {problem}");
        }

        return hash;
    }

    /// <summary>Kubo's error object is {"Message","Code","Type":"error"}; anything else is shown short.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] + "…" : body;
    }
}
