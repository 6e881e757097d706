using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// A node's JSON-RPC endpoint on 127.0.0.1 (Kestrel), answering every POST with a configured
/// status and body, like zebrad's <c>getblockchaininfo</c>; records each request's content type and body.
/// </summary>
public sealed class FakeNodeRpc : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeNodeRpc(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>The answers, in order; the last one repeats.</summary>
    public ConcurrentQueue<(int Status, string Body)> Answers { get; } = new();

    /// <summary>Each request as (content type, body).</summary>
    public ConcurrentQueue<(string ContentType, string Body)> Requests { get; } = new();

    public static string Tip(long blocks) =>
        $$$"""{"jsonrpc":"2.0","id":"x","result":{"chain":"test","blocks":{{{blocks}}},"bestblockhash":"00","estimatedheight":{{{blocks}}}}}""";

    public static async Task<FakeNodeRpc> StartAsync(params (int Status, string Body)[] answers)
    {
        var app = LoopbackHost.Build();
        var rpc = new FakeNodeRpc(app);
        foreach (var answer in answers)
        {
            rpc.Answers.Enqueue(answer);
        }

        app.Run(rpc.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        rpc.Url = baseUrl;
        return rpc;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Requests.Enqueue((context.Request.ContentType ?? string.Empty, await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false)));
        var (status, body) = Answers.Count > 1 && Answers.TryDequeue(out var next) ? next : Answers.TryPeek(out var last) ? last : (404, string.Empty);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
