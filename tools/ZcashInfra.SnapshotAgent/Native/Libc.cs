using System.Runtime.InteropServices;

namespace ZcashInfra.SnapshotAgent.Native;

/// <summary>
/// The two libc calls .NET has no managed API for: hard links (tar archives of a directory tree
/// may hold them) and sync (the restored tree must be on disk before the marker says so).
/// </summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string existing, string created);

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void SyncNative();

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
