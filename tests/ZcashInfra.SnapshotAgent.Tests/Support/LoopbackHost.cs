using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// The one way the test servers start: Kestrel on 127.0.0.1 at a port the OS picks, without
/// logging, so every double speaks real HTTP and never leaves the loopback interface.
/// </summary>
internal static class LoopbackHost
{
    /// <summary>A loopback app, ready for its handler; <paramref name="unlimitedRequestBody"/> for uploads larger than Kestrel's 30 MB default.</summary>
    public static WebApplication Build(bool unlimitedRequestBody = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            if (unlimitedRequestBody)
            {
                o.Limits.MaxRequestBodySize = null;
            }
        });
        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/> and returns its base address, ending in '/'.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
