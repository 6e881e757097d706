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
