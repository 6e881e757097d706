using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>The archive a restore will fetch, and the digest it must have.</summary>
/// <param name="Url">Archive URL.</param>
/// <param name="Sha256">Expected digest, lower-case hex.</param>
/// <param name="DigestOrigin">Where the digest came from ("pinned --sha256", "index", "…sha256"), for the log.</param>
/// <param name="Height">Block height, when the index or manifest says.</param>
/// <param name="Flags">zcashd flags the snapshot was built with, when known.</param>
public sealed record ResolvedSnapshot(Uri Url, string Sha256, string DigestOrigin, long? Height, ZcashdFlags? Flags);
