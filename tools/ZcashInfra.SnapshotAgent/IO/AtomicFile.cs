using System.Text;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.IO;

/// <summary>
/// Writes a small file so that readers see the old content or the new, never a torn one: write a
/// temporary file beside it, flush it to disk, rename over the target (atomic on one filesystem).
/// </summary>
public static class AtomicFile
{
    /// <summary>What the temporary's name adds to the file's (then the writer's process id): a run that finds one left by a dead writer deletes it.</summary>
    public const string TemporarySuffix = ".tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; a file that cannot be written is a disk error (exit 6) naming it.</summary>
    public static void WriteAllText(string path, string content)
    {
        var temporary = $"{path}{TemporarySuffix}{Environment.ProcessId}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The next run of a restore removes marker temporaries; nothing else is left.
            }

            throw new AgentException(ExitCodes.Disk, DiskErrors.IsDiskFull(e) ? $"no space left writing {path}" : $"cannot write {path}: {e.Message}", e);
        }
    }
}
