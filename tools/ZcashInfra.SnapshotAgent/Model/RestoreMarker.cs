namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// Written on the target volume after a verified state is in place (and only then): what was
/// restored, so a later start knows the volume is seeded and an operator can see from what.
/// </summary>
public sealed record RestoreMarker
{
    /// <summary>The marker's file name in the target directory.</summary>
    public const string FileName = ".snapshot-restored.json";

    public required string Url { get; init; }

    public required string Sha256 { get; init; }

    public long? Height { get; init; }

    public required int DbMajor { get; init; }

    public required string Network { get; init; }

    public required string Implementation { get; init; }

    public ZcashdFlags? Flags { get; init; }

    public required DateTimeOffset RestoredAt { get; init; }
}
