namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// How hard a transfer tries. <see cref="MaxAttempts"/> counts consecutive failures without
/// progress, so a long download that hiccups now and then completes, while a dead server fails
/// after a bounded time.
/// </summary>
/// <param name="MaxAttempts">Attempts in a row that may fail before the transfer gives up.</param>
/// <param name="StallTimeout">No byte for this long counts as a failed attempt.</param>
/// <param name="InitialBackoff">Wait before the first retry; doubles each time, up to 30 s.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan StallTimeout, TimeSpan InitialBackoff)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

    public TimeSpan BackoffFor(int failures)
    {
        var ms = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1));
        return TimeSpan.FromMilliseconds(Math.Min(ms, 30_000));
    }
}
