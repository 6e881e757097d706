using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// A test double on 127.0.0.1 for the IPFS Pinning Service API as its OpenAPI document defines it
/// (ipfs/pinning-services-api-spec ipfs-pinning-service.yaml): POST /pins with a Pin {cid, name}
/// answers 202 with a PinStatus {requestid, status, created, pin, delegates}; GET
/// /pins/{requestid} answers the PinStatus, which moves through <see cref="Statuses"/>; 401 with a
/// Failure {error: {reason, details}} without the right Bearer token. Pins nothing.
/// </summary>
public sealed class FakePinningService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Cid, string Name, int Polls)> _pins = new();

    private FakePinningService(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    public Uri Url { get; private set; } = null!;

    public string Token { get; }

    /// <summary>The status the n-th answer for a request reports (the last one repeats).</summary>
    public IReadOnlyList<string> Statuses { get; set; } = ["queued", "pinning", "pinned"];

    public ConcurrentQueue<(string Method, string Path, string Authorization, string Body)> Requests { get; } = new();

    public static async Task<FakePinningService> StartAsync(string token)
    {
        var app = LoopbackHost.Build();
        var server = new FakePinningService(app, token);
        app.Run(server.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        server.Url = new Uri(baseUrl, "psa");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue((context.Request.Method, path, context.Request.Headers.Authorization.ToString(), body));
        context.Response.ContentType = "application/json";
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"reason":"UNAUTHORIZED","details":"Access token is missing or invalid"}}""").ConfigureAwait(false);
            return;
        }

        if (context.Request.Method == "POST" && path == "/psa/pins")
        {
            using var doc = JsonDocument.Parse(body);
            var id = Guid.NewGuid().ToString("N");
            _pins[id] = (doc.RootElement.GetProperty("cid").GetString()!, doc.RootElement.GetProperty("name").GetString()!, 0);
            context.Response.StatusCode = 202;
            await context.Response.WriteAsync(Status(id)).ConfigureAwait(false);
            return;
        }

        if (context.Request.Method == "GET" && path.StartsWith("/psa/pins/", StringComparison.Ordinal) && _pins.ContainsKey(path["/psa/pins/".Length..]))
        {
            var id = path["/psa/pins/".Length..];
            _pins.AddOrUpdate(id, _ => throw new InvalidOperationException(), (_, p) => p with { Polls = p.Polls + 1 });
            await context.Response.WriteAsync(Status(id)).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsync("""{"error":{"reason":"NOT_FOUND","details":"The specified resource was not found"}}""").ConfigureAwait(false);
    }

    /// <summary>Pinned CID → name, for pins whose status reached "pinned".</summary>
    public IReadOnlyDictionary<string, string> Requested => _pins.Values.ToDictionary(p => p.Cid, p => p.Name);

    private string Status(string id)
    {
        var pin = _pins[id];
        var status = Statuses[Math.Min(pin.Polls, Statuses.Count - 1)];
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["requestid"] = id,
            ["status"] = status,
            ["created"] = "2026-12-07T00:00:00Z",
            ["pin"] = new Dictionary<string, string> { ["cid"] = pin.Cid, ["name"] = pin.Name },
            ["delegates"] = new[] { "/dnsaddr/pin-service.example.com" },
            ["info"] = new Dictionary<string, string> { ["status_details"] = $"poll {pin.Polls}" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
