namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// Written once the staged state is verified, before anything is moved into place: lets a run
/// that was killed while moving finish the move (roll forward) instead of leaving half a state.
/// </summary>
/// <param name="Entries">Top-level names to move from staging into the target.</param>
/// <param name="Marker">The marker to write when every entry is in place.</param>
public sealed record RestoreJournal(IReadOnlyList<string> Entries, RestoreMarker Marker)
{
    /// <summary>
    /// Top-level names of the node's layout that the archive does not hold: a replaced state's
    /// directories of that name are moved aside too, so the target ends with exactly the archive's
    /// state, never the new state beside the old one's remains (e.g. zebrad's non_finalized_state).
    /// </summary>
    public IReadOnlyList<string> Retired { get; init; } = [];
}
