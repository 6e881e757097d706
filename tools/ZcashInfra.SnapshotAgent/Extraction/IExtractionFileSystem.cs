namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// The writes the extractor makes, behind an interface so tests can make the volume "fill up"
/// (ENOSPC) at a chosen byte without root or a loop mount.
/// </summary>
public interface IExtractionFileSystem
{
    void CreateDirectory(string path);

    /// <summary>Creates (or truncates) a regular file; <paramref name="length"/> lets the file system reserve the space up front.</summary>
    Stream CreateFile(string path, long length);

    void CreateSymbolicLink(string path, string target);

    void CreateHardLink(string path, string existing);

    /// <summary>Removes a file or link at <paramref name="path"/> if there is one (tar semantics: a later entry replaces an earlier one).</summary>
    void DeleteIfExists(string path);

    void SetMetadata(string path, UnixFileMode mode, DateTimeOffset modified);
}
