using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Verify;

/// <summary>Everything verify needs, as parsed from the command line.</summary>
/// <param name="Archive">The archive (http(s) or file URL).</param>
/// <param name="Sha256">Pinned digest; otherwise the <c>.sha256</c> beside the archive.</param>
/// <param name="Node">When given, entries are also checked against this node's layout (network, db major).</param>
/// <param name="Retry">Retry and stall policy for the download.</param>
/// <param name="ProgressInterval">How often to log progress.</param>
public sealed record VerifyRequest(Uri Archive, string? Sha256, NodeRequirements? Node, RetryPolicy Retry, TimeSpan ProgressInterval);
