using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ZcashInfra.SnapshotAgent.Benchmarks;

/// <summary>
/// Serves the files of one directory on 127.0.0.1 with Range support (Kestrel's static file
/// result, sendfile underneath): the same server for the agent and for curl, so the comparison is
/// about the clients.
/// </summary>
public static class LoopbackFileServer
{
    public static async Task RunAsync(string root, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        var full = Path.GetFullPath(root);
        app.MapGet("/{name}", (string name) =>
        {
            var path = Path.Combine(full, Path.GetFileName(name));
            return File.Exists(path)
                ? Results.File(path, "application/octet-stream", enableRangeProcessing: true)
                : Results.NotFound();
        });
        await app.StartAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }
}
