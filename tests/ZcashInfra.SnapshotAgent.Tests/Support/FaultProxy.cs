using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of a real server (moto): forwards every request unchanged
/// and streams the answer back, except where a <see cref="Fault"/> is set for the path: HTTP 500,
/// a connection reset or a stall part-way through the body. This is how the AWS SDK's ranged reads
/// meet the failures a real network has (moto itself never fails). Records every request.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Host" };
    private readonly WebApplication _app;
    private readonly Uri _upstream;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ConcurrentDictionary<string, Fault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private FaultProxy(WebApplication app, Uri upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>Answers HTTP 500 to every request it picks (e.g. one part of a multipart upload, by its query), without forwarding it.</summary>
    public Func<HttpRequest, bool>? FailWhen { get; set; }

    /// <summary>Runs before a request for a faulted path is forwarded, with the request's number (e.g. to replace the object between two reads).</summary>
    public Func<string, int, Task>? BeforeForward { get; set; }

    public static async Task<FaultProxy> StartAsync(Uri upstream)
    {
        var app = LoopbackHost.Build();
        var proxy = new FaultProxy(app, upstream);
        app.Run(proxy.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        proxy.Endpoint = baseUrl;
        return proxy;
    }

    /// <summary>Sets the fault for a path ("/bucket/key"), counting its requests from now.</summary>
    public void SetFault(string path, Fault fault)
    {
        _faults[path] = fault;
        _counts[path] = 0;
    }

    public IReadOnlyList<ProxiedRequest> RequestsFor(string path) => Requests.Where(r => r.Path == path).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var range = context.Request.Headers.Range.ToString();
        Requests.Enqueue(new ProxiedRequest(context.Request.Method, path, range, context.Request.Headers.IfMatch.ToString()) { Query = context.Request.QueryString.Value ?? "" });
        var count = _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        _faults.TryGetValue(path, out var fault);
        if (fault is not null && BeforeForward is { } before)
        {
            await before(path, count);
        }

        if (FaultyResponse.Answers500(fault, count) || FailWhen?.Invoke(context.Request) == true)
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>injected by the test proxy</Message></Error>");
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_upstream, context.Request.Path.ToUriComponent().TrimStart('/') + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var start = response.Content.Headers.ContentRange?.From ?? 0;
        await FaultyResponse.CopyAsync(context, body, start, fault, count);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}

/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path (path-style S3: /bucket/key).</param>
/// <param name="Range">Range header ("" when none).</param>
/// <param name="IfMatch">If-Match header ("" when none).</param>
public sealed record ProxiedRequest(string Method, string Path, string Range, string IfMatch)
{
    /// <summary>The query string ("?partNumber=2&amp;uploadId=…"), "" when none.</summary>
    public string Query { get; init; } = "";
}
