namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>What an extraction (or a verify pass) saw.</summary>
public sealed record ExtractionStats(long Files, long Directories, long Links, long Bytes, long Skipped, IReadOnlyList<string> TopLevel);
