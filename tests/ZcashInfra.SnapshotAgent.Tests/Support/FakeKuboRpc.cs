using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// A test double on 127.0.0.1 speaking the documented Kubo RPC <c>/api/v0/add</c> exchange
/// (ipfs/ipfs-docs docs/reference/kubo/rpc.md): POST with a multipart/form-data "file" part,
/// answered 200 with <c>{"Name","Hash","Size","Bytes"}</c>, or 500 with Kubo's
/// <c>{"Message","Code","Type":"error"}</c>. Not an IPFS node: its "Hash" is CID-shaped (CIDv1,
/// raw codec, sha2-256 multihash of the whole file, in base16) but is not what Kubo computes for
/// a file of more than one block. Keeps what it was given so a gateway double can serve it.
/// </summary>
public sealed class FakeKuboRpc : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeKuboRpc(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>CID → content of every file added.</summary>
    public ConcurrentDictionary<string, byte[]> Added { get; } = new();

    /// <summary>Every request: method, path and query, Authorization header, part file names.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery, string Authorization, string[] FileNames)> Requests { get; } = new();

    /// <summary>When set, /api/v0/add answers 500 with this Kubo error message.</summary>
    public string? FailWith { get; set; }

    /// <summary>When set, the Authorization header must equal it (else 403, as Kubo's API.Authorizations does).</summary>
    public string? RequiredAuthorization { get; set; }

    public static string CidOf(byte[] content) => "f01551220" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<FakeKuboRpc> StartAsync()
    {
        var app = LoopbackHost.Build(unlimitedRequestBody: true);
        var server = new FakeKuboRpc(app);
        app.Run(server.HandleAsync);
        var baseUrl = await LoopbackHost.StartAsync(app).ConfigureAwait(false);
        server.Url = baseUrl;
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var names = new List<string>();
        var parts = new List<(string Name, byte[] Content)>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer).ConfigureAwait(false);
                names.Add(file.FileName);
                parts.Add((file.FileName, buffer.ToArray()));
            }
        }

        Requests.Enqueue((request.Method, request.Path + request.QueryString, request.Headers.Authorization.ToString(), [.. names]));
        if (RequiredAuthorization is not null && request.Headers.Authorization.ToString() != RequiredAuthorization)
        {
            context.Response.StatusCode = 403;
            return;
        }

        if (request.Path != "/api/v0/add")
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (request.Method != "POST")
        {
            context.Response.StatusCode = 405;
            return;
        }

        context.Response.ContentType = "application/json";
        if (FailWith is { } message)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["Message"] = message, ["Code"] = 0, ["Type"] = "error" })).ConfigureAwait(false);
            return;
        }

        foreach (var (name, content) in parts)
        {
            var cid = CidOf(content);
            Added[cid] = content;
            var line = JsonSerializer.Serialize(new Dictionary<string, string> { ["Name"] = name, ["Hash"] = cid, ["Size"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Bytes"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await context.Response.WriteAsync(line + "\n").ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
