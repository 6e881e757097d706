namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>The content of a network's publish lock object: who holds it and until when.</summary>
public sealed record PublishLockRecord(string Owner, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
