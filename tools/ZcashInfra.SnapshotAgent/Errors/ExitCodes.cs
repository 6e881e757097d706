namespace ZcashInfra.SnapshotAgent.Errors;

/// <summary>
/// The agent's exit codes. They are a contract: an init container's or a Job's status is read by
/// people and by alerts, so each failure class keeps its number.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done: restored, already present, created, published or verified.</summary>
    public const int Ok = 0;

    /// <summary>Unexpected failure (a bug or an unclassified I/O error).</summary>
    public const int Failed = 1;

    /// <summary>The command line is invalid (System.CommandLine's own parse-error code is remapped here).</summary>
    public const int Usage = 2;

    /// <summary>No snapshot compatible with the node (network, implementation, db major, zcashd flags).</summary>
    public const int Incompatible = 3;

    /// <summary>The archive's digest does not match, or the archive is corrupt or truncated.</summary>
    public const int Integrity = 4;

    /// <summary>Download failed after the bounded retries, or the server stalled past the timeout.</summary>
    public const int Network = 5;

    /// <summary>The target volume is full or not writable.</summary>
    public const int Disk = 6;

    /// <summary>The archive holds an entry that would escape the target or is not a file, directory or safe link.</summary>
    public const int UnsafeArchive = 7;

    /// <summary>Another publisher holds the index lock, or the index changed under us.</summary>
    public const int Conflict = 8;

    /// <summary>Another live agent holds the restore target (its lock file); this run changed nothing.</summary>
    public const int Busy = 9;

    /// <summary>Cancelled by SIGTERM or SIGINT: nothing was moved into place (staging is discarded or left for the next run).</summary>
    public const int Cancelled = 10;
}
