namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>How a successful restore ended.</summary>
public enum RestoreOutcome
{
    /// <summary>A snapshot was downloaded, verified and put in place.</summary>
    Restored,

    /// <summary>The target already held a restored snapshot or node state; nothing was changed.</summary>
    AlreadyPresent,

    /// <summary>An interrupted restore had been verified before it stopped; the move into place was finished.</summary>
    Completed,
}
