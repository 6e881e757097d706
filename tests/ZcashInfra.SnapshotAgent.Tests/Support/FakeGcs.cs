using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// Enough of the GCS XML API to test the request level: PUT/GET/DELETE of objects under
/// /bucket/key, generations, <c>x-goog-if-generation-match</c> preconditions (412 when they
/// fail, on writes and reads), ranged GETs (206 with Content-Range), an optional required bearer
/// token (401 otherwise) and injectable faults per object, on 127.0.0.1. Records each request's
/// method, path and the headers that matter. Also the JSON API's resumable uploads (Cloud Storage
/// docs, "Perform resumable uploads"): <c>POST /upload/storage/v1/b/B/o?uploadType=resumable&amp;name=N</c>
/// opens a session (200, <c>Location</c>), <c>PUT</c>s with <c>Content-Range: bytes a-b/size</c>
/// add chunks (every chunk but the last a multiple of 256 KiB, else 400) and are answered 308 with
/// <c>Range: bytes=0-n</c> until the last one (200, the object appears); <c>bytes */size</c> asks
/// for the state; <c>DELETE</c> cancels (499). <see cref="ChunkFault"/> fails chosen chunks.
/// The JSON API calls of a parallel composite upload are in <c>FakeGcsJsonApi.cs</c>.
/// </summary>
public sealed partial class FakeGcs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Data, long Generation)> _objects = new();
    private readonly ConcurrentDictionary<string, Fault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _getCounts = new();
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new();
    private long _nextGeneration = 1000;
    private int _chunks;

    /// <summary>Called with each data chunk's number (1, 2, … over all sessions): what to do to it.</summary>
    public Func<int, ChunkFault>? ChunkFault { get; set; }

    /// <summary>Resumable sessions opened and neither completed nor cancelled.</summary>
    public int OpenSessions => _sessions.Count;

    /// <summary>Resumable sessions cancelled with DELETE.</summary>
    public int CancelledSessions { get; private set; }

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
        var app = LoopbackHost.Build(unlimitedRequestBody: true);
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
        Requests.Enqueue(new GcsRequest(context.Request.Method, path, context.Request.Headers.Authorization.ToString(), condition, range) { ContentRange = context.Request.Headers.ContentRange.ToString(), Query = context.Request.QueryString.Value ?? "" });
        if (RequiredToken is { } token && context.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("<Error><Code>AuthenticationRequired</Code></Error>");
            return;
        }

        if (path.StartsWith("upload/storage/v1/b/", StringComparison.Ordinal) && context.Request.Query["uploadType"] == "media")
        {
            await MediaUploadAsync(context);
            return;
        }

        if (path.StartsWith("storage/v1/b/", StringComparison.Ordinal))
        {
            await JsonApiAsync(context);
            return;
        }

        if (path.StartsWith("upload/storage/v1/b/", StringComparison.Ordinal))
        {
            await ResumableAsync(context, path);
            return;
        }

        switch (context.Request.Method)
        {
            case "GET":
                await GetAsync(context, path, condition, range);
                return;
            case "PUT":
                using (var body = await ReadBodyAsync(context))
                {
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

    private async Task ResumableAsync(HttpContext context, string path)
    {
        var query = context.Request.Query;
        var bucket = path["upload/storage/v1/b/".Length..^"/o".Length];
        if (context.Request.Method == "POST" && query["uploadType"] == "resumable")
        {
            var id = Guid.NewGuid().ToString("N");
            var size = long.Parse(context.Request.Headers["X-Upload-Content-Length"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            _sessions[id] = new UploadSession($"{bucket}/{query["name"]}", size);
            context.Response.Headers.Location = new Uri(Endpoint, $"upload/storage/v1/b/{bucket}/o?uploadType=resumable&name={Uri.EscapeDataString(query["name"].ToString())}&upload_id={id}").ToString();
            return;
        }

        if (!_sessions.TryGetValue(query["upload_id"].ToString(), out var session))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (context.Request.Method == "DELETE")
        {
            _sessions.TryRemove(query["upload_id"].ToString(), out _);
            CancelledSessions++;
            context.Response.StatusCode = 499;
            return;
        }

        var contentRange = context.Request.Headers.ContentRange.ToString();
        using var body = await ReadBodyAsync(context);
        if (!contentRange.StartsWith("bytes */", StringComparison.Ordinal))
        {
            var dash = contentRange.IndexOf('-', StringComparison.Ordinal);
            var slash = contentRange.IndexOf('/', StringComparison.Ordinal);
            var first = long.Parse(contentRange["bytes ".Length..dash], System.Globalization.CultureInfo.InvariantCulture);
            var last = long.Parse(contentRange[(dash + 1)..slash], System.Globalization.CultureInfo.InvariantCulture);
            if (last - first + 1 != body.Length || first > session.Data.Length || (last + 1 < session.Size && body.Length % (256 * 1024) != 0))
            {
                context.Response.StatusCode = 400;
                return;
            }

            var fault = ChunkFault?.Invoke(Interlocked.Increment(ref _chunks)) ?? Support.ChunkFault.None;
            var take = fault switch { Support.ChunkFault.None => body.Length, Support.ChunkFault.Refuse or Support.ChunkFault.Discard => 0, _ => Math.Min(body.Length, 256 * 1024) };
            var skip = session.Data.Length - first;
            if (take > skip)
            {
                session.Data.Write(body.GetBuffer(), (int)skip, (int)(take - skip));
            }

            if (fault == Support.ChunkFault.Reset)
            {
                context.Abort();
                return;
            }

            if (fault is Support.ChunkFault.Http503 or Support.ChunkFault.Refuse)
            {
                context.Response.StatusCode = 503;
                return;
            }
        }

        if (session.Data.Length == session.Size)
        {
            lock (_gate)
            {
                _objects[session.Object] = (session.Data.ToArray(), ++_nextGeneration);
            }

            _sessions.TryRemove(query["upload_id"].ToString(), out _);
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("{}");
            return;
        }

        context.Response.StatusCode = 308;
        if (session.Data.Length > 0)
        {
            context.Response.Headers["Range"] = $"bytes=0-{session.Data.Length - 1}";
        }
    }

    private sealed record UploadSession(string Object, long Size)
    {
        public MemoryStream Data { get; } = new();
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
public sealed record GcsRequest(string Method, string Path, string Authorization, string IfGenerationMatch, string Range)
{
    /// <summary>The Content-Range header of an upload chunk ("" when absent).</summary>
    public string ContentRange { get; init; } = "";

    /// <summary>The query string, with its '?' ("" when absent).</summary>
    public string Query { get; init; } = "";
}

/// <summary>What the fake does to one chunk of a resumable upload.</summary>
public enum ChunkFault
{
    /// <summary>Accepts it.</summary>
    None,

    /// <summary>Keeps its first 256 KiB, then answers 503.</summary>
    Http503,

    /// <summary>Keeps its first 256 KiB, then drops the connection.</summary>
    Reset,

    /// <summary>Keeps nothing and answers 503.</summary>
    Refuse,

    /// <summary>Keeps nothing and answers 308 with what it had before (a chunk silently dropped).</summary>
    Discard,
}
