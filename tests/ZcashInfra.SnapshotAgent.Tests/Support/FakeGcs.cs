using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// Enough of the GCS XML API to test the request level: PUT/GET/DELETE of objects under
/// /bucket/key, generations, <c>x-goog-if-generation-match</c> preconditions (412 when they
/// fail, on writes and reads), ranged GETs (206 with Content-Range), an optional required bearer
/// token (401 otherwise) and injectable faults per object, on 127.0.0.1. Records each request's
/// method, path and the headers that matter.
/// </summary>
public sealed class FakeGcs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Data, long Generation)> _objects = new();
    private readonly ConcurrentDictionary<string, Fault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _getCounts = new();
    private readonly Lock _gate = new();
    private long _nextGeneration = 1000;

    private FakeGcs(WebApplication app)
    {
        _app = app;
    }

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<GcsRequest> Requests { get; } = new();

    public IReadOnlyDictionary<string, (byte[] Data, long Generation)> Objects => _objects;

    /// <summary>When set, every request must carry <c>Authorization: Bearer &lt;token&gt;</c> (else 401), as GCS demands for a private bucket.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Stores an object directly (as if uploaded earlier), with a new generation.</summary>
    public void Put(string path, byte[] data, Fault? fault = null)
    {
        lock (_gate)
        {
            _objects[path] = (data, ++_nextGeneration);
        }

        if (fault is not null)
        {
            _faults[path] = fault;
        }
    }

    /// <summary>Sets the fault for bucket/key, counting its GETs from now.</summary>
    public void SetFault(string path, Fault fault)
    {
        _faults[path] = fault;
        _getCounts[path] = 0;
    }

    public IReadOnlyList<GcsRequest> RequestsFor(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<FakeGcs> StartAsync()
    {
        var app = LoopbackHost.Build();
        var gcs = new FakeGcs(app);
        app.Run(gcs.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        gcs.Endpoint = baseUrl;
        return gcs;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value!.TrimStart('/'));
        var condition = context.Request.Headers["x-goog-if-generation-match"].ToString();
        var range = context.Request.Headers.Range.ToString();
        Requests.Enqueue(new GcsRequest(context.Request.Method, path, context.Request.Headers.Authorization.ToString(), condition, range));
        if (RequiredToken is { } token && context.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("<Error><Code>AuthenticationRequired</Code></Error>");
            return;
        }

        switch (context.Request.Method)
        {
            case "GET":
                await GetAsync(context, path, condition, range);
                return;
            case "PUT":
                using (var body = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(body);
                    lock (_gate)
                    {
                        var current = _objects.TryGetValue(path, out var existing) ? existing.Generation : 0;
                        if (condition.Length > 0 && condition != current.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        {
                            context.Response.StatusCode = 412;
                            return;
                        }

                        _objects[path] = (body.ToArray(), ++_nextGeneration);
                    }
                }

                return;
            case "DELETE":
                context.Response.StatusCode = _objects.TryRemove(path, out _) ? 204 : 404;
                return;
            default:
                context.Response.StatusCode = 405;
                return;
        }
    }

    private async Task GetAsync(HttpContext context, string path, string condition, string range)
    {
        var count = _getCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (!_objects.TryGetValue(path, out var found))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("<Error><Code>NoSuchKey</Code></Error>");
            return;
        }

        _faults.TryGetValue(path, out var fault);
        if (FaultyResponse.Answers500(fault, count))
        {
            context.Response.StatusCode = 500;
            return;
        }

        if (condition.Length > 0 && condition != found.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            context.Response.StatusCode = 412;
            return;
        }

        long start = 0;
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{found.Data.Length - 1}/{found.Data.Length}";
        }

        context.Response.Headers["x-goog-generation"] = found.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentLength = found.Data.Length - start;
        using var body = new MemoryStream(found.Data, (int)start, found.Data.Length - (int)start, writable: false);
        await FaultyResponse.CopyAsync(context, body, start, fault, count);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <param name="Method">HTTP method.</param>
/// <param name="Path">bucket/key.</param>
/// <param name="Authorization">The Authorization header.</param>
/// <param name="IfGenerationMatch">The x-goog-if-generation-match header ("" when absent).</param>
/// <param name="Range">The Range header ("" when absent).</param>
public sealed record GcsRequest(string Method, string Path, string Authorization, string IfGenerationMatch, string Range);
