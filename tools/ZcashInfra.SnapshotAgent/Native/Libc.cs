using System.Runtime.InteropServices;

namespace ZcashInfra.SnapshotAgent.Native;

/// <summary>
/// The libc calls .NET has no managed API for: hard links (tar archives of a directory tree may
/// hold them), sync (the restored tree must be on disk before the marker says so) and flock (the
/// exclusive claim on a restore target).
/// </summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string existing, string created);

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void SyncNative();

    private const int LockExclusive = 2; // LOCK_EX
    private const int LockNonBlocking = 4; // LOCK_NB
    private const int WouldBlock = 11; // EWOULDBLOCK (= EAGAIN on Linux)

    private const int OpenReadWrite = 0x2; // O_RDWR
    private const int OpenCreate = 0x40; // O_CREAT
    private const int OpenCloseOnExec = 0x80000; // O_CLOEXEC: a child process never inherits the lock

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockNative(nint fd, int operation);

    /// <summary>
    /// Opens (creating, mode 0644) a lock file with plain open(2): .NET's own FileStream would take
    /// an flock of its own choosing on open, and this file's only purpose is the lock taken next.
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle OpenLockFile(string path)
    {
        var fd = OpenNative(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, 0x1A4);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}";
            throw errno is 13 or 1 ? new UnauthorizedAccessException(message) : new IOException(message, errno); // EACCES, EPERM
        }

        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// flock(LOCK_EX | LOCK_NB) on <paramref name="file"/>: true when this open file now holds the
    /// exclusive lock, false when another open file (any process) holds it. The kernel drops the
    /// lock when the file is closed or its process dies, SIGKILL included (flock(2)).
    /// </summary>
    public static bool TryLockExclusive(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        var added = false;
        file.DangerousAddRef(ref added);
        try
        {
            if (FlockNative(file.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == WouldBlock
                ? false
                : throw new IOException($"flock failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    public static void CreateHardLink(string existing, string created)
    {
        if (LinkNative(existing, created) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"link {created} -> {existing} failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }

    /// <summary>Flushes every filesystem's dirty pages; a restore is only "done" once it survives a power cut.</summary>
    public static void Sync() => SyncNative();
}
