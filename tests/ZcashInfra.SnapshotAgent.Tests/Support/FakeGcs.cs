using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// Enough of the GCS XML API to test the request level: PUT/GET/DELETE of objects under
/// /bucket/key, generations, and <c>x-goog-if-generation-match</c> preconditions (412 when they
/// fail), on 127.0.0.1. Records each request's method, path and the headers that matter.
/// </summary>
public sealed class FakeGcs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Data, long Generation)> _objects = new();
    private readonly Lock _gate = new();
    private long _nextGeneration = 1000;

    private FakeGcs(WebApplication app)
    {
        _app = app;
    }

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<GcsRequest> Requests { get; } = new();

    public IReadOnlyDictionary<string, (byte[] Data, long Generation)> Objects => _objects;

    public static async Task<FakeGcs> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gcs = new FakeGcs(app);
        app.Run(gcs.HandleAsync);
        await app.StartAsync();
        gcs.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return gcs;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value!.TrimStart('/'));
        var condition = context.Request.Headers["x-goog-if-generation-match"].ToString();
        Requests.Enqueue(new GcsRequest(context.Request.Method, path, context.Request.Headers.Authorization.ToString(), condition));
        switch (context.Request.Method)
        {
            case "GET":
                if (!_objects.TryGetValue(path, out var found))
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                context.Response.Headers["x-goog-generation"] = found.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.Body.WriteAsync(found.Data);
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
public sealed record GcsRequest(string Method, string Path, string Authorization, string IfGenerationMatch);
