namespace ZcashInfra.SnapshotAgent.Publish;

/// <summary>How many snapshots an index keeps, and for how long. The <c>latest</c> entry is always kept.</summary>
/// <param name="Keep">Entries to keep, newest first (0 = no limit).</param>
/// <param name="MaxAge">Entries older than this are pruned (null = no limit); entries without a creation time are never pruned by age.</param>
public sealed record RetentionPolicy(int Keep, TimeSpan? MaxAge);
