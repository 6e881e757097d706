namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// How hard a transfer tries, and how wide it goes. <see cref="MaxAttempts"/> counts consecutive
/// failures without progress, so a long download that hiccups now and then completes, while a dead
/// server fails after a bounded time. Each parallel range counts its own failures.
/// </summary>
/// <param name="MaxAttempts">Attempts in a row that may fail before the transfer gives up.</param>
/// <param name="StallTimeout">No byte for this long counts as a failed attempt.</param>
/// <param name="InitialBackoff">Wait before the first retry; doubles each time, up to 30 s.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan StallTimeout, TimeSpan InitialBackoff)
{
    /// <summary>Default connections: object stores cap each stream at tens to a few hundred MB/s, and 8 is what aria2c users pick (<c>-x8</c>).</summary>
    public const int DefaultConnections = 8;

    /// <summary>Default range size: 8 MiB keeps a request's first-byte latency small against its transfer time while (connections + 2) ranges in memory stay under 100 MiB.</summary>
    public const int DefaultRangeBytes = 8 << 20;

    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

    /// <summary>Concurrent ranged requests for one archive (1: one stream).</summary>
    public int Connections { get; init; } = DefaultConnections;

    /// <summary>Bytes per ranged request; also the unit of memory a parallel download holds.</summary>
    public int RangeBytes { get; init; } = DefaultRangeBytes;

    /// <summary>Independent zstd frames decoded at once (1: sequentially).</summary>
    public int DecodeThreads { get; init; } = Compression.ArchiveFormats.DefaultDecodeThreads;

    public TimeSpan BackoffFor(int failures)
    {
        var ms = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1));
        return TimeSpan.FromMilliseconds(Math.Min(ms, 30_000));
    }
}
