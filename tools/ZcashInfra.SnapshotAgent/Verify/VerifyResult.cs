namespace ZcashInfra.SnapshotAgent.Verify;

/// <summary>What verify found.</summary>
public sealed record VerifyResult(string Sha256, long Length, Extraction.ExtractionStats Stats);
