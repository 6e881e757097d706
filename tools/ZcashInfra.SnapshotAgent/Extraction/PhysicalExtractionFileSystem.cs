using ZcashInfra.SnapshotAgent.Native;

namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>The real disk.</summary>
public sealed class PhysicalExtractionFileSystem : IExtractionFileSystem
{
    public static PhysicalExtractionFileSystem Instance { get; } = new();

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public Stream CreateFile(string path, long length) => new FileStream(path, new FileStreamOptions
    {
        Mode = FileMode.Create,
        Access = FileAccess.Write,
        Share = FileShare.None,
        BufferSize = 0,

        // Reserving the size fails fast with ENOSPC instead of after writing gigabytes.
        PreallocationSize = length,
    });

    public void CreateSymbolicLink(string path, string target) => File.CreateSymbolicLink(path, target);

    public void CreateHardLink(string path, string existing) => Libc.CreateHardLink(existing, path);

    public void DeleteIfExists(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            info.Delete();
        }
    }

    public void SetMetadata(string path, UnixFileMode mode, DateTimeOffset modified)
    {
        // The agent runs in Linux containers; the guard only keeps the analyzer (CA1416) honest.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
    }
}
