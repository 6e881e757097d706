namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// What the test server does wrong, per path. Counters are per request, so "the first two
/// requests fail" is expressible; every field is optional.
/// </summary>
public sealed class Fault
{
    /// <summary>Answer HTTP 500 to this many requests first (null: never; int.MaxValue: always).</summary>
    public int Http500Requests { get; init; }

    /// <summary>Answer HTTP 500 to exactly this request (1-based), e.g. the first resume.</summary>
    public int? Http500OnRequest { get; init; }

    /// <summary>Abort the connection after this many body bytes, on the first <see cref="ResetTimes"/> requests.</summary>
    public long? ResetAfterBytes { get; init; }

    public int ResetTimes { get; init; } = 1;

    /// <summary>Stop sending (but keep the connection open) after this many bytes, on the first <see cref="StallTimes"/> requests.</summary>
    public long? StallAfterBytes { get; init; }

    public int StallTimes { get; init; } = int.MaxValue;

    /// <summary>
    /// From this request on (1-based) the object is <see cref="Replacement"/>, with its own ETag,
    /// and ranged requests are answered 206 regardless of If-Range: a server (or cache) that
    /// ignores If-Range while the object changes under a download.
    /// </summary>
    public int? ReplacedFromRequest { get; init; }

    public byte[]? Replacement { get; init; }

    /// <summary>Answer every Range request with HTTP 200 and the whole object (a server without range support).</summary>
    public bool IgnoreRanges { get; init; }

    /// <summary>The first closed-range request (<c>bytes=a-b</c>) covering this byte gets <see cref="OnceInRange"/>; later ones are served.</summary>
    public long? OnceInRangeAt { get; init; }

    public RangeFault OnceInRange { get; init; }

    /// <summary>1 once the range fault was served.</summary>
    public int RangeFaultFired;

    /// <summary>Set once a stall has begun (the child-process kill test waits for it).</summary>
    public TaskCompletionSource StallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What one range request gets wrong.</summary>
public enum RangeFault
{
    None,

    /// <summary>The connection is reset halfway through the range.</summary>
    Reset,

    /// <summary>HTTP 500.</summary>
    Http500,

    /// <summary>HTTP 200 with the whole object (same ETag).</summary>
    WholeBody,

    /// <summary>A valid 206 for only the first half of the range.</summary>
    Short,

    /// <summary>Halfway through the range the server stops sending, connection open.</summary>
    Stall,
}
