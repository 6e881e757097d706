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

    /// <summary>Set once a stall has begun (the child-process kill test waits for it).</summary>
    public TaskCompletionSource StallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
