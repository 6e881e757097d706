namespace ZcashInfra.SnapshotAgent.Download;

/// <param name="Sha256">Lower-case hex SHA-256 of every byte of the archive.</param>
/// <param name="Length">The archive's size in bytes.</param>
public sealed record FeedResult(string Sha256, long Length);
