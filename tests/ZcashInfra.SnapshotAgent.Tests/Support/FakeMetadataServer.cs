using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// The GKE metadata server's token endpoint as Workload Identity serves it, on 127.0.0.1: GET
/// <see cref="TokenPath"/> with <c>Metadata-Flavor: Google</c> (403 without it, as the real one)
/// answers <c>{"access_token", "expires_in", "token_type"}</c>. Each request gets the next token
/// of <see cref="Tokens"/>, so a test can tell a cached token from a fresh one.
/// </summary>
public sealed class FakeMetadataServer : IAsyncDisposable
{
    public const string TokenPath = "/computeMetadata/v1/instance/service-accounts/default/token";
    private readonly WebApplication _app;
    private int _served;

    private FakeMetadataServer(WebApplication app)
    {
        _app = app;
    }

    public Uri TokenUrl { get; private set; } = null!;

    /// <summary>Tokens handed out in turn (the last repeats).</summary>
    public IReadOnlyList<string> Tokens { get; set; } = ["metadata-token-1", "metadata-token-2", "metadata-token-3"];

    /// <summary>The <c>expires_in</c> of every answer, in seconds.</summary>
    public int ExpiresInSeconds { get; set; } = 3599;

    /// <summary>Answer with this status instead of a token (e.g. 404: no Workload Identity binding).</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>The Metadata-Flavor header of each request ("" when absent).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeMetadataServer> StartAsync()
    {
        var app = LoopbackHost.Build();
        var server = new FakeMetadataServer(app);
        app.Run(server.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        server.TokenUrl = new Uri(baseUrl, TokenPath);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var flavor = context.Request.Headers["Metadata-Flavor"].ToString();
        Requests.Enqueue(flavor);
        if (context.Request.Path != TokenPath)
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (flavor != "Google")
        {
            context.Response.StatusCode = 403;
            return;
        }

        if (FailWith is { } status)
        {
            context.Response.StatusCode = (int)status;
            await context.Response.WriteAsync("not bound");
            return;
        }

        var index = Math.Min(Interlocked.Increment(ref _served), Tokens.Count) - 1;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["access_token"] = Tokens[index], ["expires_in"] = ExpiresInSeconds, ["token_type"] = "Bearer" }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
