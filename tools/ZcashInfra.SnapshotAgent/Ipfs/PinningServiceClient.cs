using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// Asks a remote pinning provider to pin a CID through the IPFS Pinning Service API
/// (ipfs/pinning-services-api-spec ipfs-pinning-service.yaml): <c>POST /pins</c> with a Pin
/// <c>{"cid","name"}</c> answers a PinStatus <c>{"requestid","status",…}</c>; <c>GET /pins/{requestid}</c>
/// is polled until the status (queued, pinning, pinned, failed) is pinned or failed. Every request
/// carries <c>Authorization: Bearer &lt;access-token&gt;</c>; the token is never logged or put in an error.
/// </summary>
public sealed class PinningServiceClient
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _token;
    private readonly AgentLog _log;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _timeout;

    public PinningServiceClient(HttpClient http, Uri endpoint, string token, AgentLog log, TimeSpan pollInterval, TimeSpan timeout)
    {
        _http = http;
        _endpoint = new Uri(endpoint.ToString().TrimEnd('/') + "/");
        _token = token;
        _log = log;
        _pollInterval = pollInterval;
        _timeout = timeout;
    }

    /// <summary>Requests the pin and waits until the provider reports it pinned; fails on "failed" or after the timeout.</summary>
    public async Task PinAsync(string cid, string name, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("cid", cid);
            writer.WriteString("name", name.Length > 255 ? name[..255] : name);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var status = await SendAsync(HttpMethod.Post, new Uri(_endpoint, "pins"), content, cancellationToken).ConfigureAwait(false);
        _log.Info($"pinning service {Describe()}: requested a pin of {cid} ({name}): request {status.RequestId}, {status.Status}");

        var deadline = DateTimeOffset.UtcNow + _timeout;
        while (true)
        {
            switch (status.Status)
            {
                case "pinned":
                    _log.Info($"pinning service {Describe()}: {cid} is pinned");
                    return;
                case "failed":
                    throw new AgentException(ExitCodes.Network, $"pinning service {Describe()}: pinning {cid} failed{status.Details}");
                case "queued" or "pinning":
                    break;
                default:
                    throw new AgentException(ExitCodes.Network, $"pinning service {Describe()}: unknown pin status '{status.Status}' for {cid}");
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new AgentException(ExitCodes.Network, $"pinning service {Describe()}: {cid} still {status.Status} after {_timeout.TotalSeconds:0} s (request {status.RequestId}); it may finish later");
            }

            await Task.Delay(_pollInterval, cancellationToken).ConfigureAwait(false);
            status = await SendAsync(HttpMethod.Get, new Uri(_endpoint, "pins/" + Uri.EscapeDataString(status.RequestId)), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Describe() => _endpoint.GetLeftPart(UriPartial.Path);

    private async Task<PinState> SendAsync(HttpMethod method, Uri url, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AgentException(ExitCodes.Network, $"pinning service {Describe()}: {method} {url.AbsolutePath} failed: {e.Message}", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " (the access token is missing or invalid)" : "";
                throw new AgentException(ExitCodes.Network, $"pinning service {Describe()}: {method} {url.AbsolutePath} answered HTTP {(int)response.StatusCode}{hint}: {Reason(text)}");
            }

            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                var id = root.GetProperty("requestid").GetString() ?? throw new KeyNotFoundException("requestid");
                var status = root.GetProperty("status").GetString() ?? throw new KeyNotFoundException("status");
                var details = root.TryGetProperty("info", out var info) && info.ValueKind == JsonValueKind.Object && info.TryGetProperty("status_details", out var d) && d.ValueKind == JsonValueKind.String
                    ? $": {d.GetString()}"
                    : "";
                return new PinState(id, status, details);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new AgentException(ExitCodes.Network, $"pinning service {Describe()}: {method} {url.AbsolutePath} did not answer a PinStatus: {e.Message}");
            }
        }
    }

    /// <summary>The spec's Failure object is {"error":{"reason","details"}}.</summary>
    private static string Reason(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var reason = error.TryGetProperty("reason", out var r) ? r.GetString() : null;
                var details = error.TryGetProperty("details", out var d) ? d.GetString() : null;
                return string.Join(": ", new[] { reason, details }.Where(s => !string.IsNullOrEmpty(s)));
            }
        }
        catch (JsonException)
        {
        }

        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private sealed record PinState(string RequestId, string Status, string Details);
}
