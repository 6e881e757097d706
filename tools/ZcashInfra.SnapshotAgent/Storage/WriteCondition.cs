namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>A precondition on a write: none, "only if absent", or "only if still at this version".</summary>
public sealed record WriteCondition(bool IfAbsent, string? IfVersion)
{
    public static WriteCondition None { get; } = new(false, null);

    public static WriteCondition Absent { get; } = new(true, null);

    public static WriteCondition Matches(string version) => new(false, version);
}
