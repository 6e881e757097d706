using System.Buffers;
using System.Formats.Tar;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// Extracts a tar stream into a directory, refusing anything that could land outside it or that
/// is not plain data: absolute names, <c>..</c>, links that climb or point to absolute paths,
/// hard links to anything but a file already extracted, device files and FIFOs. With
/// <c>write: false</c> it checks the same rules and reads every byte without writing (verify).
/// </summary>
public sealed class SafeTarExtractor
{
    private const int CopyBufferSize = 1 << 20;
    private const int MaxSkipLogLines = 10;
    private readonly IExtractionFileSystem _fs;
    private readonly AgentLog _log;

    public SafeTarExtractor(IExtractionFileSystem fs, AgentLog log)
    {
        _fs = fs;
        _log = log;
    }

    /// <summary>
    /// Reads <paramref name="tar"/> to its end-of-archive marker. Throws <see cref="AgentException"/>
    /// (<see cref="ExitCodes.UnsafeArchive"/> or <see cref="ExitCodes.Incompatible"/>) on a refused entry.
    /// </summary>
    public ExtractionStats Extract(Stream tar, string root, StateLayout? layout, bool write, CancellationToken cancellationToken)
    {
        long files = 0, directories = 0, links = 0, bytes = 0, skipped = 0;
        var regularFiles = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var createdDirectories = new HashSet<string>(StringComparer.Ordinal);
        var topLevel = new SortedSet<string>(StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var path = EntryPaths.Normalize(entry.Name, out var reason) ?? throw Unsafe(entry.Name, reason!);
                if (path.Length == 0)
                {
                    continue;
                }

                var decision = layout?.Decide(path) ?? EntryDecision.Extract;
                if (decision.Action == EntryAction.Reject)
                {
                    throw new AgentException(ExitCodes.Incompatible, $"incompatible archive: {decision.Reason}");
                }

                if (decision.Action == EntryAction.Skip)
                {
                    if (skipped++ < MaxSkipLogLines)
                    {
                        _log.Warn($"skipping {decision.Reason}");
                    }

                    continue;
                }

                topLevel.Add(path.Split('/')[0]);
                var full = Path.Combine(root, path);
                var replacing = !seen.Add(path);
                if (write)
                {
                    EnsureDirectory(Path.GetDirectoryName(full)!, root, createdDirectories);
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        if (write)
                        {
                            EnsureDirectory(full, root, createdDirectories);
                        }

                        directories++;
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        bytes += WriteFile(entry, full, replacing, write, buffer);
                        regularFiles.Add(path);
                        files++;
                        break;
                    case TarEntryType.SymbolicLink:
                        if (EntryPaths.CheckSymlinkTarget(entry.LinkName) is { } linkProblem)
                        {
                            throw Unsafe(entry.Name, linkProblem);
                        }

                        if (write)
                        {
                            ReplaceExisting(full, replacing);
                            _fs.CreateSymbolicLink(full, entry.LinkName);
                        }

                        regularFiles.Remove(path);
                        links++;
                        break;
                    case TarEntryType.HardLink:
                        var existing = EntryPaths.Normalize(entry.LinkName, out var linkReason) ?? throw Unsafe(entry.Name, $"hard link target {entry.LinkName}: {linkReason}");
                        if (!regularFiles.Contains(existing))
                        {
                            throw Unsafe(entry.Name, $"hard link to {entry.LinkName}, which is not a file extracted earlier");
                        }

                        if (write)
                        {
                            ReplaceExisting(full, replacing);
                            _fs.CreateHardLink(full, Path.Combine(root, existing));
                        }

                        regularFiles.Add(path);
                        links++;
                        break;
                    default:
                        throw Unsafe(entry.Name, $"entry type {entry.EntryType} is not allowed (only files, directories and links)");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new ExtractionStats(files, directories, links, bytes, skipped, [.. topLevel]);
    }

    private long WriteFile(TarEntry entry, string full, bool replacing, bool write, byte[] buffer)
    {
        var data = entry.DataStream;
        if (!write)
        {
            long total = 0;
            int n;
            while (data is not null && (n = data.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
            }

            return total;
        }

        ReplaceExisting(full, replacing);
        long written = 0;
        using (var output = _fs.CreateFile(full, entry.Length))
        {
            int n;
            while (data is not null && (n = data.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, n);
                written += n;
            }
        }

        // Owner read/write always: the node runs as the owner and RocksDB rewrites files in place.
        var mode = (entry.Mode & (UnixFileMode)0x1FF) | UnixFileMode.UserRead | UnixFileMode.UserWrite;
        _fs.SetMetadata(full, mode, entry.ModificationTime);
        return written;
    }

    private void ReplaceExisting(string full, bool replacing)
    {
        // A later entry with the same name replaces the earlier one; unlinking first means a
        // file never writes through a link that an earlier entry planted.
        if (replacing)
        {
            _fs.DeleteIfExists(full);
        }
    }

    private void EnsureDirectory(string directory, string root, HashSet<string> created)
    {
        if (directory.Length <= root.Length || created.Contains(directory))
        {
            return;
        }

        _fs.CreateDirectory(directory);
        created.Add(directory);
    }

    private static AgentException Unsafe(string name, string reason) =>
        new(ExitCodes.UnsafeArchive, $"unsafe archive entry '{name}': {reason}");
}
