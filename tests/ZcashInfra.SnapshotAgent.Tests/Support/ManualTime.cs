namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>A clock that moves only when the test says so.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
