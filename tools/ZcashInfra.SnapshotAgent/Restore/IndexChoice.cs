using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>The entry <see cref="IndexSelection"/> picked.</summary>
/// <param name="Entry">The entry to restore.</param>
/// <param name="Incompatible">Entries that do not fit the node.</param>
/// <param name="OtherCompatible">Entries that fit but were not picked.</param>
public sealed record IndexChoice(SnapshotIndexEntry Entry, int Incompatible, int OtherCompatible);
