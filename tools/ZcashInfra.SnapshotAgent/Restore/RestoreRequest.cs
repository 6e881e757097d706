using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>Everything a restore needs, as parsed from the command line.</summary>
public sealed record RestoreRequest(
    Uri? Index,
    Uri? Url,
    string? Sha256,
    NodeRequirements Node,
    string Target,
    bool Replace,
    RetryPolicy Retry,
    TimeSpan ProgressInterval);

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
