using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// The JSON API calls of a parallel composite upload, as the reference pages describe them
/// (cloud.google.com/storage/docs/json_api/v1/objects/…): objects.insert as a single-request upload
/// (<c>POST /upload/storage/v1/b/B/o?uploadType=media&amp;name=N</c>, answered with the object
/// resource, <c>generation</c> as a string), objects.get (<c>GET /storage/v1/b/B/o/N</c>),
/// objects.list (<c>?prefix=</c>, paged by <c>nextPageToken</c>), objects.delete (<c>?generation=</c>)
/// and objects.compose (<c>POST /storage/v1/b/B/o/N/compose?ifGenerationMatch=G</c> with a
/// <c>storage#composeRequest</c> body: 1–32 sources, each pinned by <c>generation</c> (404 when that
/// generation is not live) and <c>objectPreconditions.ifGenerationMatch</c> (412), the destination's
/// precondition 412). Object names in paths are percent-encoded whole (<c>%2F</c>). Uploads can be
/// throttled per request (one connection each), counted while in flight, and failed on purpose.
/// </summary>
public sealed partial class FakeGcs
{
    private int _uploadsInFlight;
    private int _maxUploadsInFlight;
    private readonly ConcurrentDictionary<string, int> _mediaAttempts = new();

    /// <summary>When set, each request's body is read at most this fast (a per-connection cap, as object stores impose per stream).</summary>
    public long? BytesPerSecondPerConnection { get; set; }

    /// <summary>Called with a single-request upload's object name and its attempt (1, 2, …): what to do to it.</summary>
    public Func<string, int, ChunkFault>? MediaFault { get; set; }

    /// <summary>Called with the destination of each compose before it is checked (e.g. to write the destination meanwhile).</summary>
    public Action<string>? BeforeCompose { get; set; }

    /// <summary>Called with the destination of each compose that succeeded: true answers it with HTTP 503 although it went through (a lost answer).</summary>
    public Func<string, bool>? LoseComposeAnswer { get; set; }

    /// <summary>The user metadata of composed objects, by bucket/name, with the generation it belongs to.</summary>
    private readonly ConcurrentDictionary<string, (long Generation, JsonObject Metadata)> _composedMetadata = new();

    /// <summary>Most single-request uploads seen in flight at once.</summary>
    public int MaxConcurrentUploads => Volatile.Read(ref _maxUploadsInFlight);

    /// <summary>Every compose accepted or refused: destination, its ifGenerationMatch ("" when none), the sources and the answer.</summary>
    public ConcurrentQueue<ComposeCall> Composes { get; } = new();

    /// <summary>Items per objects.list page.</summary>
    public int ListPageSize { get; set; } = 10;

    /// <summary>Names of the objects under bucket/prefix.</summary>
    public IReadOnlyList<string> Under(string prefix) => _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private async Task<MemoryStream> ReadBodyAsync(HttpContext context)
    {
        var body = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var started = DateTime.UtcNow;
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            body.Write(buffer, 0, n);
            if (BytesPerSecondPerConnection is { } rate)
            {
                var due = started + TimeSpan.FromSeconds((double)body.Length / rate);
                if (due > DateTime.UtcNow)
                {
                    await Task.Delay(due - DateTime.UtcNow);
                }
            }
        }

        body.Position = 0;
        return body;
    }

    private async Task MediaUploadAsync(HttpContext context)
    {
        var bucket = context.Request.Path.Value!["/upload/storage/v1/b/".Length..^"/o".Length];
        var name = context.Request.Query["name"].ToString();
        var inFlight = Interlocked.Increment(ref _uploadsInFlight);
        try
        {
            int seen;
            while (inFlight > (seen = Volatile.Read(ref _maxUploadsInFlight)) && Interlocked.CompareExchange(ref _maxUploadsInFlight, inFlight, seen) != seen)
            {
            }

            var fault = MediaFault?.Invoke(name, _mediaAttempts.AddOrUpdate(name, 1, (_, a) => a + 1)) ?? Support.ChunkFault.None;
            if (fault == Support.ChunkFault.Reset)
            {
                // Half the body, then the connection drops.
                var half = new byte[Math.Max(1, (context.Request.ContentLength ?? 2) / 2)];
                await context.Request.Body.ReadAtLeastAsync(half, half.Length, throwOnEndOfStream: false);
                context.Abort();
                return;
            }

            using var body = await ReadBodyAsync(context);
            if (fault is Support.ChunkFault.Http503 or Support.ChunkFault.Refuse)
            {
                context.Response.StatusCode = 503;
                return;
            }

            long generation;
            lock (_gate)
            {
                generation = ++_nextGeneration;
                _objects[$"{bucket}/{name}"] = (body.ToArray(), generation);
            }

            await WriteResourceAsync(context, bucket, name, generation, body.Length);
        }
        finally
        {
            Interlocked.Decrement(ref _uploadsInFlight);
        }
    }

    private async Task JsonApiAsync(HttpContext context)
    {
        // storage/v1/b/<bucket>/o[/<name>[/compose]], each segment percent-encoded (Kestrel leaves %2F as is).
        var segments = context.Request.Path.Value!.TrimStart('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length < 5 || segments[4] != "o")
        {
            context.Response.StatusCode = 400;
            return;
        }

        var bucket = segments[3];
        var method = context.Request.Method;
        if (segments.Length == 5 && method == "GET")
        {
            await ListAsync(context, bucket);
            return;
        }

        var key = $"{bucket}/{segments[5]}";
        if (segments.Length == 7 && segments[6] == "compose" && method == "POST")
        {
            await ComposeAsync(context, bucket, segments[5]);
            return;
        }

        if (segments.Length != 6)
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (method == "GET")
        {
            if (_objects.TryGetValue(key, out var found))
            {
                var metadata = _composedMetadata.TryGetValue(key, out var m) && m.Generation == found.Generation ? m.Metadata : null;
                await WriteResourceAsync(context, bucket, segments[5], found.Generation, found.Data.Length, metadata);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            return;
        }

        if (method == "DELETE")
        {
            var wanted = context.Request.Query["generation"].ToString();
            lock (_gate)
            {
                var live = _objects.TryGetValue(key, out var found) && (wanted.Length == 0 || wanted == found.Generation.ToString(CultureInfo.InvariantCulture));
                context.Response.StatusCode = live && _objects.TryRemove(key, out _) ? 204 : 404;
            }

            return;
        }

        context.Response.StatusCode = 405;
    }

    private async Task ListAsync(HttpContext context, string bucket)
    {
        var prefix = $"{bucket}/{context.Request.Query["prefix"]}";
        var after = context.Request.Query["pageToken"].ToString();
        var names = _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(k, after) > 0).Order(StringComparer.Ordinal).ToList();
        var items = new JsonArray();
        foreach (var name in names.Take(ListPageSize))
        {
            if (_objects.TryGetValue(name, out var found))
            {
                items.Add(Resource(bucket, name[(bucket.Length + 1)..], found.Generation, found.Data.Length, null));
            }
        }

        var page = new JsonObject { ["kind"] = "storage#objects", ["items"] = items };
        if (names.Count > ListPageSize)
        {
            page["nextPageToken"] = names[ListPageSize - 1];
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(page.ToJsonString());
    }

    private async Task ComposeAsync(HttpContext context, string bucket, string destination)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var root = request.RootElement;
        var condition = context.Request.Query["ifGenerationMatch"].ToString();
        var sources = root.TryGetProperty("sourceObjects", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => new ComposeSource(
                s.GetProperty("name").GetString()!,
                s.TryGetProperty("generation", out var g) ? g.GetString()! : "",
                s.TryGetProperty("objectPreconditions", out var p) && p.TryGetProperty("ifGenerationMatch", out var m) ? m.GetString()! : "")).ToList()
            : [];
        var contentType = root.TryGetProperty("destination", out var d) && d.TryGetProperty("contentType", out var c) ? c.GetString() ?? "" : "";
        var metadata = root.TryGetProperty("destination", out var dm) && dm.TryGetProperty("metadata", out var md) ? JsonNode.Parse(md.GetRawText()) as JsonObject : null;
        BeforeCompose?.Invoke($"{bucket}/{destination}");
        int status;
        long generation = 0;
        long size = 0;
        lock (_gate)
        {
            status = Compose(bucket, destination, root, sources, condition, out generation, out size);
            if (status == 200 && metadata is not null)
            {
                _composedMetadata[$"{bucket}/{destination}"] = (generation, metadata);
            }
        }

        Composes.Enqueue(new ComposeCall($"{bucket}/{destination}", condition, sources, contentType, status));
        if (status == 200 && LoseComposeAnswer?.Invoke($"{bucket}/{destination}") == true)
        {
            status = 503;
        }

        if (status != 200)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = status } }.ToJsonString());
            return;
        }

        await WriteResourceAsync(context, bucket, destination, generation, size);
    }

    /// <summary>Checks and performs one compose under the lock; the HTTP status.</summary>
    private int Compose(string bucket, string destination, JsonElement root, List<ComposeSource> sources, string condition, out long generation, out long size)
    {
        generation = 0;
        size = 0;
        if (!root.TryGetProperty("kind", out var kind) || kind.GetString() != "storage#composeRequest" || sources.Count is < 1 or > 32)
        {
            return 400;
        }

        var parts = new List<byte[]>();
        foreach (var source in sources)
        {
            if (!_objects.TryGetValue($"{bucket}/{source.Name}", out var found) || (source.Generation.Length > 0 && source.Generation != Text(found.Generation)))
            {
                return 404;
            }

            if (source.IfGenerationMatch.Length > 0 && source.IfGenerationMatch != Text(found.Generation))
            {
                return 412;
            }

            parts.Add(found.Data);
        }

        var current = _objects.TryGetValue($"{bucket}/{destination}", out var existing) ? existing.Generation : 0;
        if (condition.Length > 0 && condition != Text(current))
        {
            return 412;
        }

        var data = parts.SelectMany(p => p).ToArray();
        generation = ++_nextGeneration;
        size = data.Length;
        _objects[$"{bucket}/{destination}"] = (data, generation);
        return 200;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Resource(string bucket, string name, long generation, long size, JsonObject? metadata)
    {
        var resource = new JsonObject
        {
            ["kind"] = "storage#object",
            ["bucket"] = bucket,
            ["name"] = name,
            ["generation"] = Text(generation),
            ["size"] = Text(size),
        };
        if (metadata is not null)
        {
            resource["metadata"] = metadata.DeepClone();
        }

        return resource;
    }

    private static async Task WriteResourceAsync(HttpContext context, string bucket, string name, long generation, long size, JsonObject? metadata = null)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Resource(bucket, name, generation, size, metadata).ToJsonString());
    }
}

/// <param name="Name">The source object's name.</param>
/// <param name="Generation">Its <c>generation</c> ("" when absent).</param>
/// <param name="IfGenerationMatch">Its <c>objectPreconditions.ifGenerationMatch</c> ("" when absent).</param>
public sealed record ComposeSource(string Name, string Generation, string IfGenerationMatch);

/// <param name="Destination">bucket/name.</param>
/// <param name="IfGenerationMatch">The destination precondition ("" when absent).</param>
/// <param name="Sources">The sources, in order.</param>
/// <param name="ContentType">The destination resource's contentType.</param>
/// <param name="Status">The HTTP status answered.</param>
public sealed record ComposeCall(string Destination, string IfGenerationMatch, IReadOnlyList<ComposeSource> Sources, string ContentType, int Status);
