namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>Extract, skip (with a log line), or refuse the whole archive.</summary>
public enum EntryAction
{
    Extract,
    Skip,
    Reject,
}

/// <param name="Action">What to do.</param>
/// <param name="Reason">Why, for Skip and Reject.</param>
public sealed record EntryDecision(EntryAction Action, string? Reason = null)
{
    public static EntryDecision Extract { get; } = new(EntryAction.Extract);
}
