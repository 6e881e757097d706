using System.Formats.Tar;
using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.IO;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Create;

/// <summary>
/// create: packs a stopped node's state into an archive in the published format, hashing while
/// writing, then writes the <c>.sha256</c> (sha256sum format) and the manifest beside it. The
/// archive appears under its final name only when complete.
/// </summary>
public sealed class SnapshotCreator
{
    private readonly AgentLog _log;
    private readonly TimeProvider _time;

    public SnapshotCreator(AgentLog log, TimeProvider? time = null)
    {
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    public SnapshotManifest Run(CreateRequest request, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(request.Source);
        var layout = StateLayout.For(request.Node);
        CheckSource(source, layout, request.Node);

        var output = Path.GetFullPath(request.Output);
        var format = ArchiveFormats.FromFileName(output);
        var files = PackPlan.Build(source, layout);
        var total = files.Sum(f => f.Length);
        _log.Info($"packing {layout.Description} from {source} ({files.Count(f => f.Type == TarEntryType.RegularFile)} files, {ByteSize.Format(total)}) into {output}");

        var partial = output + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            throw new AgentException(ExitCodes.Disk, DiskErrors.IsDiskFull(e) ? $"no space left writing {output}" : $"cannot write {output}: {e.Message}", e);
        }

        string digest;
        long size;
        var progress = new ProgressReporter(_log, $"pack {Path.GetFileName(output)}", total, request.ProgressInterval, _time);
        try
        {
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using var hashing = new HashingWriteStream(file);
                using (var compressed = ArchiveFormats.OpenWrite(hashing, format, request.Level))
                using (var tar = new TarWriter(compressed, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var item in files)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        WriteEntry(tar, source, item);
                        progress.Advance(item.Length);
                    }
                }

                digest = hashing.FinishSha256();
                size = hashing.BytesWritten;
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, output, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(partial);
            if (DiskErrors.IsDiskFull(e))
            {
                throw new AgentException(ExitCodes.Disk, $"no space left writing {output}", e);
            }

            throw;
        }

        progress.Complete();
        var manifest = new SnapshotManifest
        {
            Archive = Path.GetFileName(output),
            Network = request.Node.Network,
            Implementation = Restore.SnapshotCompatibility.Name(request.Node.Implementation),
            Height = request.Height,
            DbMajor = request.Node.DbMajor,
            Sha256 = digest,
            Size = size,
            Format = format.ToString().ToLowerInvariant(),
            Flags = request.Node.Flags,
            ZebradVersion = request.ZebradVersion,
            Files = files.Count(f => f.Type == TarEntryType.RegularFile),
            UncompressedBytes = total,
            CreatedAt = _time.GetUtcNow(),
            AgentVersion = typeof(SnapshotCreator).Assembly.GetName().Version?.ToString(),
        };
        AtomicFile.WriteAllText(output + ".sha256", Sha256Text.Format(digest, manifest.Archive));
        AtomicFile.WriteAllText(output + ".manifest.json", SnapshotJson.WriteManifest(manifest));
        _log.Info($"created {output}: {ByteSize.Format(size)}, sha256 {digest}");
        return manifest;
    }

    private static void CheckSource(string source, StateLayout layout, NodeRequirements node)
    {
        if (!Directory.Exists(source))
        {
            throw new AgentException(ExitCodes.Usage, $"--source {source} is not a directory");
        }

        if (node.Implementation == Implementation.Zcashd && Directory.EnumerateFiles(source, "*.pid").Any())
        {
            throw new AgentException(ExitCodes.Failed, $"{source} holds a pid file: zcashd is still running (stop it first: a running node's files are not a consistent state)");
        }

        if (layout.CheckComplete(source) is { } missing)
        {
            var found = Directory.Exists(Path.Combine(source, "state"))
                ? string.Join(", ", Directory.EnumerateDirectories(Path.Combine(source, "state"), "*", SearchOption.TopDirectoryOnly).SelectMany(v => Directory.EnumerateDirectories(v)).Select(d => Path.GetRelativePath(source, d)))
                : "";
            throw new AgentException(ExitCodes.Incompatible, $"{source}: {missing.Replace("the archive holds", "found", StringComparison.Ordinal)}{(found.Length > 0 ? $" (present: {found})" : "")}");
        }
    }

    private static void WriteEntry(TarWriter tar, string source, PackItem item)
    {
        // Directory names end in '/', as GNU tar writes them (and lists them).
        var entry = new PaxTarEntry(item.Type, item.Type == TarEntryType.Directory ? item.Name + "/" : item.Name)
        {
            Mode = item.Mode,
            ModificationTime = item.Modified,
        };
        if (item.Type == TarEntryType.SymbolicLink)
        {
            entry.LinkName = item.LinkTarget!;
            tar.WriteEntry(entry);
            return;
        }

        if (item.Type != TarEntryType.RegularFile)
        {
            tar.WriteEntry(entry);
            return;
        }

        using var data = new FileStream(Path.Combine(source, item.Name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (data.Length != item.Length)
        {
            throw new AgentException(ExitCodes.Failed, $"{item.Name} changed size while packing: is the node still running?");
        }

        entry.DataStream = data;
        tar.WriteEntry(entry);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
