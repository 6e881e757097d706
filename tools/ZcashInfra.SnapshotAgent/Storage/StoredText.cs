namespace ZcashInfra.SnapshotAgent.Storage;

/// <param name="Content">The object's text.</param>
/// <param name="Version">Opaque token for <see cref="WriteCondition.IfVersion"/>.</param>
public sealed record StoredText(string Content, string Version);
