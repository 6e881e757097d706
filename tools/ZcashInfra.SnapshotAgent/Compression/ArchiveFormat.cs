namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>How an archive's tar stream is wrapped.</summary>
public enum ArchiveFormat
{
    Tar,
    Gzip,
    Zstd,
}
