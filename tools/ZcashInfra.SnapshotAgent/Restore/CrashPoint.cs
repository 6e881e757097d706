using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// Named moments of a restore (and of a GCS composite upload) at which the crash tests kill the agent. When the environment
/// variable <see cref="Variable"/> names the point reached, the agent logs
/// <c>paused at &lt;point&gt;</c> and waits there until it is killed or cancelled (SIGTERM); unset
/// (always, outside those tests) it does nothing.
/// </summary>
public static class CrashPoint
{
    public const string Variable = "ZCASH_SNAPSHOT_AGENT_PAUSE_AT";

    /// <summary>Staging is complete and verified; no journal yet.</summary>
    public const string Verified = "verified";

    /// <summary>The journal is written; nothing moved yet.</summary>
    public const string Journaled = "journaled";

    /// <summary>Every entry is moved into place (old state, with --replace, under replaced/); no new marker yet.</summary>
    public const string Moved = "moved";

    /// <summary>The marker is written; the journal and work directory are still there.</summary>
    public const string Marked = "marked";

    /// <summary>The claim is held and leftovers are cleaned; nothing decided yet.</summary>
    public const string Claimed = "claimed";

    /// <summary>publish to gs://: every part of a composite upload is uploaded; nothing composed yet.</summary>
    public const string PartsUploaded = "gcs-parts-uploaded";

    public static void Reached(string point, AgentLog log, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Variable) != point)
        {
            return;
        }

        log.Info($"paused at {point} ({Variable})");
        cancellationToken.WaitHandle.WaitOne();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
