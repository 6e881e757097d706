using Microsoft.Win32.SafeHandles;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Native;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// A restore's exclusive claim on its target: an flock(2) on <c>&lt;target&gt;/.snapshot-restore.lock</c>,
/// on the target volume itself, held from before the first look at the target until the run ends.
/// Two agents on one volume (a re-scheduled pod, a manual run, the snapshot job) therefore never
/// work on it at once: the second fails at once with <see cref="ExitCodes.Busy"/> and changes
/// nothing. The kernel drops the lock when its holder exits or dies (SIGKILL, OOM kill, node
/// reboot), so whatever a holder finds in the work directory was left by a run that is gone:
/// "interrupted" means exactly "no live holder". The lock file itself stays (deleting it would let
/// a waiting opener lock an unlinked inode while a third run locks a new one).
/// </summary>
public sealed class TargetClaim : IDisposable
{
    /// <summary>The lock file's name in the target directory.</summary>
    public const string FileName = ".snapshot-restore.lock";

    private readonly SafeFileHandle _handle;

    private TargetClaim(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Takes the claim on <paramref name="target"/> (an existing directory) or throws <see cref="AgentException"/>.</summary>
    public static TargetClaim Acquire(string target)
    {
        var path = System.IO.Path.Combine(target, FileName);
        SafeFileHandle handle;
        try
        {
            handle = Libc.OpenLockFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentException(ExitCodes.Disk, $"target {target} is not writable: {e.Message}", e);
        }

        try
        {
            if (!Libc.TryLockExclusive(handle))
            {
                throw new AgentException(ExitCodes.Busy, $"target {target} is busy: another snapshot agent holds {path} (a restore is running there); nothing was changed, run again once it has finished");
            }

            return new TargetClaim(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the claim (closing the file drops the lock).</summary>
    public void Dispose() => _handle.Dispose();
}
