using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 serving files with Range support and ETags, plus
/// injectable faults: HTTP 500s, connection resets and stalls mid-body. Records every request.
/// </summary>
public sealed class ArchiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly ConcurrentDictionary<string, Fault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _requestCounts = new();

    private ArchiveServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request as "METHOD /path range" (range empty when none).</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<ArchiveServer> StartAsync()
    {
        var app = LoopbackHost.Build();
        var server = new ArchiveServer(app);
        app.Run(server.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        server.BaseUrl = baseUrl;
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public Uri Serve(string path, byte[] content, Fault? fault = null)
    {
        var key = "/" + path.TrimStart('/');
        _files[key] = content;
        if (fault is not null)
        {
            _faults[key] = fault;
        }

        return Url(path);
    }

    public Uri ServeFile(string path, string file, Fault? fault = null) => Serve(path, File.ReadAllBytes(file), fault);

    public void SetFault(string path, Fault? fault)
    {
        var key = "/" + path.TrimStart('/');
        if (fault is null)
        {
            _faults.TryRemove(key, out _);
        }
        else
        {
            _faults[key] = fault;
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsFor(string path) =>
        Requests.Where(r => r.Path == "/" + path.TrimStart('/')).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var range = context.Request.Headers.Range.ToString();
        Requests.Enqueue(new RecordedRequest(context.Request.Method, path, range, context.Request.Headers.IfRange.ToString()));
        var count = _requestCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (!_files.TryGetValue(path, out var content))
        {
            context.Response.StatusCode = 404;
            return;
        }

        _faults.TryGetValue(path, out var fault);
        if (fault is { Replacement: { } replacement, ReplacedFromRequest: { } from } && count >= from)
        {
            content = replacement;
        }
        if (FaultyResponse.Answers500(fault, count))
        {
            context.Response.StatusCode = 500;
            return;
        }

        long start = 0;
        long end = content.Length;
        context.Response.Headers.ETag = $"\"{content.Length:x}-{content.GetHashCode():x}\"";
        context.Response.Headers.AcceptRanges = "bytes";
        var rangeFault = RangeFault.None;
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && fault?.IgnoreRanges != true)
        {
            var bounds = range["bytes=".Length..].Split('-');
            start = long.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
            if (bounds[1].Length > 0)
            {
                end = Math.Min(end, long.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) + 1);
                if (fault?.OnceInRangeAt is { } at && start <= at && at < end && Interlocked.Exchange(ref fault.RangeFaultFired, 1) == 0)
                {
                    rangeFault = fault.OnceInRange;
                }
            }

            if (start >= content.Length)
            {
                context.Response.StatusCode = 416;
                return;
            }

            if (rangeFault == RangeFault.Http500)
            {
                context.Response.StatusCode = 500;
                return;
            }

            if (rangeFault == RangeFault.Short)
            {
                end = start + ((end - start) / 2);
            }

            if (rangeFault == RangeFault.WholeBody)
            {
                start = 0;
                end = content.Length;
            }
            else
            {
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {start}-{end - 1}/{content.Length}";
            }
        }

        context.Response.ContentLength = end - start;
        using var body = new MemoryStream(content, (int)start, (int)(end - start), writable: false);
        if (rangeFault is RangeFault.Reset or RangeFault.Stall)
        {
            var cut = start + ((end - start) / 2);
            var once = rangeFault == RangeFault.Reset ? new Fault { ResetAfterBytes = cut } : new Fault { StallAfterBytes = cut };
            await FaultyResponse.CopyAsync(context, body, start, once, 1).ConfigureAwait(false);
            return;
        }

        await FaultyResponse.CopyAsync(context, body, start, fault, count).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Range">Range header ("" when none).</param>
/// <param name="IfRange">If-Range header ("" when none).</param>
public sealed record RecordedRequest(string Method, string Path, string Range, string IfRange);
