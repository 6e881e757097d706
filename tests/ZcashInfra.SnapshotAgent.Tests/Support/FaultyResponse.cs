using Microsoft.AspNetCore.Http;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// Sends a response body the way a <see cref="Fault"/> says: whole, cut by a connection reset, or
/// stalled (connection open, nothing sent). Offsets are absolute in the object, so "reset at half
/// the archive" means the same byte whether the request was ranged or not. Shared by the archive
/// server, the fake GCS and the fault proxy in front of moto.
/// </summary>
public static class FaultyResponse
{
    private const int Piece = 16 * 1024;

    /// <summary>True when <paramref name="fault"/> answers request number <paramref name="request"/> (1-based) with HTTP 500.</summary>
    public static bool Answers500(Fault? fault, int request) =>
        fault is not null && (request <= fault.Http500Requests || request == fault.Http500OnRequest);

    /// <param name="context">The response to write.</param>
    /// <param name="body">The content from <paramref name="start"/> on.</param>
    /// <param name="start">The absolute offset of the body's first byte.</param>
    /// <param name="fault">What to do wrong (null: nothing).</param>
    /// <param name="request">This request's number for the path (1-based).</param>
    public static async Task CopyAsync(HttpContext context, Stream body, long start, Fault? fault, int request)
    {
        var served = request - (fault?.Http500Requests ?? 0);
        var reset = fault?.ResetAfterBytes is { } r && served <= fault.ResetTimes ? r : (long?)null;
        var stall = fault?.StallAfterBytes is { } s && served <= fault.StallTimes ? s : (long?)null;
        var buffer = new byte[Piece];
        var sent = start;
        while (true)
        {
            var n = Piece;
            if (reset is { } resetAt)
            {
                n = (int)Math.Min(n, Math.Max(0, resetAt - sent));
            }

            if (stall is { } stallAt)
            {
                n = (int)Math.Min(n, Math.Max(0, stallAt - sent));
            }

            if (n > 0)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, n), context.RequestAborted);
                if (read == 0)
                {
                    return;
                }

                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                sent += read;
                continue;
            }

            if (reset is not null)
            {
                context.Abort();
                return;
            }

            // Stall: keep the connection open, send nothing, until the client gives up.
            fault!.StallStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }
    }
}
