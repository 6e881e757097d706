using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>
/// A Kubernetes API double on 127.0.0.1 (Kestrel), speaking the real protocol for what this
/// project uses: get/list/create/delete of core, apps and snapshot.storage.k8s.io objects at their
/// REST paths, label and field selectors, resourceVersions, watches (<c>?watch=true</c>:
/// newline-delimited JSON <c>{"type","object"}</c> events, ended after <c>timeoutSeconds</c>),
/// pod logs, the pod proxy, and failures as Status objects (404, 409, 403 RBAC denials, 422).
/// A small snapshot controller moves VolumeSnapshots through their states the way
/// external-snapshotter's does. Shapes per the Kubernetes API conventions
/// (kubernetes/community <c>contributors/devel/sig-architecture/api-conventions.md</c>).
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Type, string Key, JsonObject Object)> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version = 1000;
    private int _uid;

    private FakeKubernetesApi(WebApplication app)
    {
        _app = app;
        Snapshots = new FakeSnapshotController(this);
    }

    /// <summary>The server's base address.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The CSI snapshot controller's behaviour.</summary>
    public FakeSnapshotController Snapshots { get; }

    /// <summary>Requests refused as RBAC would: "verb resource" pairs (e.g. "create volumesnapshots").</summary>
    public ConcurrentDictionary<string, bool> Denied { get; } = new(StringComparer.Ordinal);

    /// <summary>The user named in 403 messages.</summary>
    public string User { get; set; } = "system:serviceaccount:zcash:snapshot-job";

    /// <summary>Every request as "METHOD path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Bodies of POSTs, in order.</summary>
    public ConcurrentQueue<JsonObject> Created { get; } = new();

    /// <summary>Log text per "namespace/pod/container".</summary>
    public ConcurrentDictionary<string, string> Logs { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers POSTs to <c>pods/NAME:PORT/proxy/…</c>: (pod, port, body) → (status, body).</summary>
    public Func<string, int, string, (int Status, string Body)>? Proxy { get; set; }

    /// <summary>How long deleted objects linger with a deletionTimestamp (finalizers), zero for none.</summary>
    public TimeSpan FinalizerDelay { get; set; }

    /// <summary>Plain files served outside the API paths (a public bucket's snapshots.json), by path.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The clock of creationTimestamps.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Runs before a DELETE is applied, with the store key of the object (a change racing the delete).</summary>
    public Action<string>? BeforeDelete { get; set; }

    /// <summary>The next watch answers one ERROR event (410 Expired) before anything else.</summary>
    public bool ExpireNextWatch { get; set; }

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var app = LoopbackHost.Build();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        api.Url = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Store key of an object: "group/resource/namespace/name" (namespace empty when cluster-scoped).</summary>
    public static string Key(string group, string resource, string? ns, string name) => $"{group}/{resource}/{ns}/{name}";

    /// <summary>Puts an object in place as if created (metadata filled in), with an ADDED event.</summary>
    public JsonObject Put(string group, string resource, string? ns, JsonObject o)
    {
        lock (_gate)
        {
            var metadata = (JsonObject)(o["metadata"] ??= new JsonObject());
            if (ns is not null)
            {
                metadata["namespace"] = ns;
            }

            metadata["uid"] ??= $"uid-{++_uid:D4}";
            metadata["creationTimestamp"] ??= Now().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var key = Key(group, resource, ns, metadata["name"]!.GetValue<string>());
            var type = _objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
            Record(type, key, o);
            return o;
        }
    }

    /// <summary>A copy of a stored object, or null.</summary>
    public JsonObject? Get(string group, string resource, string? ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(group, resource, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
        }
    }

    /// <summary>Copies of the stored objects of one resource.</summary>
    public IReadOnlyList<JsonObject> All(string group, string resource)
    {
        lock (_gate)
        {
            return [.. _objects.Where(kv => kv.Key.StartsWith($"{group}/{resource}/", StringComparison.Ordinal)).Select(kv => (JsonObject)kv.Value.DeepClone())];
        }
    }

    /// <summary>Changes a stored object in place (a controller's status update), with a MODIFIED event.</summary>
    public void Update(string group, string resource, string? ns, string name, Action<JsonObject> change)
    {
        lock (_gate)
        {
            var key = Key(group, resource, ns, name);
            if (!_objects.TryGetValue(key, out var o))
            {
                return;
            }

            var copy = (JsonObject)o.DeepClone();
            change(copy);
            Record("MODIFIED", key, copy);
        }
    }

    /// <summary>Removes an object, with a DELETED event.</summary>
    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_objects.TryGetValue(key, out var o))
            {
                Record("DELETED", key, o);
            }
        }
    }

    private void Record(string type, string key, JsonObject o)
    {
        var version = ++_version;
        ((JsonObject)o["metadata"]!)["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
        if (type == "DELETED")
        {
            _objects.Remove(key);
        }
        else
        {
            _objects[key] = o;
        }

        _events.Add((version, type, key, (JsonObject)o.DeepClone()));
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (request.Path.Value == "/version")
        {
            await WriteAsync(context, 200, new JsonObject { ["major"] = "1", ["minor"] = "34", ["gitVersion"] = "v1.34.0" }).ConfigureAwait(false);
            return;
        }

        if (Files.TryGetValue(request.Path.Value ?? string.Empty, out var file))
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.LastModified = "Mon, 07 Dec 2026 00:00:00 GMT";
            await context.Response.WriteAsync(file, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var route = ApiRoute.Parse(request.Path.Value ?? string.Empty);
        if (route is null)
        {
            await WriteAsync(context, 404, new JsonObject { ["kind"] = "Status", ["status"] = "Failure", ["reason"] = "NotFound", ["code"] = 404, ["message"] = "the server could not find the requested resource" }).ConfigureAwait(false);
            return;
        }

        var watch = request.Query["watch"] == "true";
        var verb = (request.Method, route.Name, route.Subresource, watch) switch
        {
            ("GET", null, _, true) => "watch",
            ("GET", null, _, false) => "list",
            ("GET", _, _, _) => "get",
            ("POST", null, _, _) => "create",
            ("POST", _, _, _) => "create",
            ("DELETE", _, _, _) => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        var resource = route.Subresource is { } sub && !route.IsProxy ? $"{route.Resource}/{sub}" : route.IsProxy ? $"{route.Resource}/proxy" : route.Resource;
        if (Denied.ContainsKey($"{verb} {resource}"))
        {
            var (code, body) = ApiStatus.Forbidden(User, verb, resource, route.Group, route.Namespace);
            await WriteAsync(context, code, body).ConfigureAwait(false);
            return;
        }

        if (route.IsProxy)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var (status, answer) = Proxy?.Invoke(route.Name!, route.Port, text) ?? (503, "no endpoints available");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (route.Subresource == "log")
        {
            var container = request.Query["container"].ToString();
            if (!Logs.TryGetValue($"{route.Namespace}/{route.Name}/{container}", out var log))
            {
                var (code, body) = ApiStatus.NotFound("pods", route.Name!);
                await WriteAsync(context, code, body).ConfigureAwait(false);
                return;
            }

            var tail = int.TryParse(request.Query["tailLines"], out var n) ? n : int.MaxValue;
            var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(string.Join('\n', lines.Skip(Math.Max(0, lines.Length - tail))) + "\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        switch (verb)
        {
            case "get":
                {
                    var o = Get(route.Group, route.Resource, route.Namespace, route.Name!);
                    var (code, body) = o is null ? ApiStatus.NotFound(route.Qualified, route.Name!) : (200, o);
                    await WriteAsync(context, code, body).ConfigureAwait(false);
                    return;
                }

            case "list":
                {
                    long version;
                    List<JsonObject> items;
                    lock (_gate)
                    {
                        version = _version;
                        items = [.. Matching(route, request.Query["labelSelector"], request.Query["fieldSelector"])];
                    }

                    await WriteAsync(context, 200, new JsonObject
                    {
                        ["apiVersion"] = route.Group.Length == 0 ? "v1" : $"{route.Group}/{route.Version}",
                        ["kind"] = route.ListKind,
                        ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
                        ["items"] = new JsonArray([.. items]),
                    }).ConfigureAwait(false);
                    return;
                }

            case "watch":
                await WatchAsync(context, route).ConfigureAwait(false);
                return;

            case "create":
                {
                    var o = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject ?? [];
                    Created.Enqueue((JsonObject)o.DeepClone());
                    var name = o["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
                    if (SnapshotSchemas.Problems(route.Resource, o) is { Length: > 0 } problems)
                    {
                        var (code, body) = ApiStatus.Invalid(o["kind"]?.GetValue<string>() ?? route.Resource, name, problems);
                        await WriteAsync(context, code, body).ConfigureAwait(false);
                        return;
                    }

                    if (Get(route.Group, route.Resource, route.Namespace, name) is not null)
                    {
                        var (code, body) = ApiStatus.AlreadyExists(route.Qualified, name);
                        await WriteAsync(context, code, body).ConfigureAwait(false);
                        return;
                    }

                    var stored = Put(route.Group, route.Resource, route.Namespace, o);
                    var answer = (JsonObject)stored.DeepClone();
                    Snapshots.OnCreated(route.Resource, route.Namespace, name);
                    await WriteAsync(context, 201, answer).ConfigureAwait(false);
                    return;
                }

            case "delete":
                {
                    var key = Key(route.Group, route.Resource, route.Namespace, route.Name!);
                    BeforeDelete?.Invoke(key);
                    var o = Get(route.Group, route.Resource, route.Namespace, route.Name!);
                    if (o is null)
                    {
                        var (code, body) = ApiStatus.NotFound(route.Qualified, route.Name!);
                        await WriteAsync(context, code, body).ConfigureAwait(false);
                        return;
                    }

                    if (FinalizerDelay > TimeSpan.Zero)
                    {
                        Update(route.Group, route.Resource, route.Namespace, route.Name!, x => x["metadata"]!["deletionTimestamp"] = Now().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                        _ = Task.Delay(FinalizerDelay).ContinueWith(_ => Remove(key), TaskScheduler.Default);
                    }
                    else
                    {
                        Remove(key);
                    }

                    await WriteAsync(context, 200, o).ConfigureAwait(false);
                    return;
                }

            default:
                context.Response.StatusCode = 405;
                return;
        }
    }

    private IEnumerable<JsonObject> Matching(ApiRoute route, string? labelSelector, string? fieldSelector) =>
        _objects.Where(kv => kv.Key.StartsWith($"{route.Group}/{route.Resource}/{route.Namespace}/", StringComparison.Ordinal))
            .Select(kv => kv.Value)
            .Where(o => Selectors.Matches(o, labelSelector, fieldSelector))
            .OrderBy(o => o["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(o => (JsonObject)o.DeepClone());

    private async Task WatchAsync(HttpContext context, ApiRoute route)
    {
        var query = context.Request.Query;
        var timeout = TimeSpan.FromSeconds(int.TryParse(query["timeoutSeconds"], out var s) ? s : 1800);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
        stop.CancelAfter(timeout);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        if (ExpireNextWatch)
        {
            ExpireNextWatch = false;
            await WriteEventAsync(context, "ERROR", ApiStatus.Gone("too old resource version").Body).ConfigureAwait(false);
            return;
        }

        long from;
        var pending = new List<(string Type, JsonObject Object)>();
        lock (_gate)
        {
            if (long.TryParse(query["resourceVersion"], out var given) && given > 0)
            {
                from = given;
            }
            else
            {
                from = _version;
                pending.AddRange(Matching(route, query["labelSelector"], query["fieldSelector"]).Select(o => ("ADDED", o)));
            }
        }

        var prefix = $"{route.Group}/{route.Resource}/{route.Namespace}/";
        try
        {
            while (true)
            {
                foreach (var (type, o) in pending)
                {
                    await WriteEventAsync(context, type, o).ConfigureAwait(false);
                }

                pending.Clear();
                Task changed;
                lock (_gate)
                {
                    foreach (var e in _events.Where(e => e.Version > from && e.Key.StartsWith(prefix, StringComparison.Ordinal)))
                    {
                        if (Selectors.Matches(e.Object, query["labelSelector"], query["fieldSelector"]))
                        {
                            pending.Add((e.Type, (JsonObject)e.Object.DeepClone()));
                        }
                    }

                    from = _version;
                    changed = _changed.Task;
                }

                if (pending.Count == 0)
                {
                    await changed.WaitAsync(stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached or the client went away: the server ends the stream.
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject o)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = o }.ToJsonString() + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line)).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
