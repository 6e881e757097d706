using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Verify;

/// <summary>Everything verify needs, as parsed from the command line.</summary>
/// <param name="Archive">The archive (http(s), file, s3 or gs URL); null with <paramref name="Index"/>.</param>
/// <param name="Index">A snapshots.json to pick the archive from, as restore would for <paramref name="Node"/>; null with <paramref name="Archive"/>.</param>
/// <param name="Height">With <paramref name="Index"/>: the entry at exactly this height instead of the highest.</param>
/// <param name="Sha256">Pinned digest; otherwise the index entry's, else the <c>.sha256</c> beside the archive.</param>
/// <param name="Node">When given, entries are also checked against this node's layout (network, db major); required with <paramref name="Index"/>.</param>
/// <param name="Retry">Retry and stall policy for the download.</param>
/// <param name="ProgressInterval">How often to log progress.</param>
public sealed record VerifyRequest(Uri? Archive, Uri? Index, long? Height, string? Sha256, NodeRequirements? Node, RetryPolicy Retry, TimeSpan ProgressInterval);
