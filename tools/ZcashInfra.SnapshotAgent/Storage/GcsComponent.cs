namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>One object of a composite upload (a part or an intermediate composite), pinned to the generation it was written as.</summary>
internal sealed record GcsComponent(string Name, long Generation);
