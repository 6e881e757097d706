using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>Everything a restore needs, as parsed from the command line.</summary>
/// <param name="Index">A network's snapshots.json (http(s), file, s3 or gs); or null with <paramref name="Url"/>.</param>
/// <param name="Url">One archive; or null with <paramref name="Index"/>.</param>
/// <param name="Sha256">A digest pinned out of band.</param>
/// <param name="Height">With an index: restore the entry at exactly this height instead of the highest. With a URL: the height the caller knows the archive is at (restore-newest), recorded in the marker when the archive has no manifest.</param>
/// <param name="Node">The node the state is for.</param>
/// <param name="Target">The node's state directory.</param>
/// <param name="Replace">Replace state already on the target.</param>
/// <param name="Retry">Retry and stall policy of the downloads.</param>
/// <param name="ProgressInterval">How often to log progress.</param>
public sealed record RestoreRequest(
    Uri? Index,
    Uri? Url,
    string? Sha256,
    long? Height,
    NodeRequirements Node,
    string Target,
    bool Replace,
    RetryPolicy Retry,
    TimeSpan ProgressInterval);
