using ZcashInfra.SnapshotAgent.IO;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Native;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// The agent's working space on the target volume: a staging directory (on the same filesystem,
/// so moving the verified tree into place is a rename, not a copy), the commit journal, and the
/// marker. Every step can be interrupted: staging without a journal is discarded and redone, a
/// journal is rolled forward.
/// </summary>
public sealed class RestoreArea
{
    /// <summary>The work directory's name in the target.</summary>
    public const string WorkDirectoryName = ".snapshot-restore";
    private readonly AgentLog _log;

    public RestoreArea(string target, AgentLog log)
    {
        Target = target;
        _log = log;
        WorkDirectory = Path.Combine(target, WorkDirectoryName);
        Staging = Path.Combine(WorkDirectory, "staging");
        Replaced = Path.Combine(WorkDirectory, "replaced");
        JournalPath = Path.Combine(WorkDirectory, "commit.json");
        MarkerPath = Path.Combine(target, RestoreMarker.FileName);
    }

    public string Target { get; }

    public string WorkDirectory { get; }

    public string Staging { get; }

    public string Replaced { get; }

    public string JournalPath { get; }

    public string MarkerPath { get; }

    public bool HasJournal => File.Exists(JournalPath);

    public RestoreMarker? ReadMarker() => File.Exists(MarkerPath) ? SnapshotJson.ParseMarker(File.ReadAllText(MarkerPath)) : null;

    /// <summary>
    /// Puts right whatever an earlier run left, before this run decides anything (only a run that
    /// holds the <see cref="TargetClaim"/> may call it, so the earlier run is gone): a journal is
    /// rolled forward (returns its marker); otherwise the work directory (staging of a run that died
    /// before it was verified, the replaced old state of one that died after its marker) is
    /// deleted. Half-written marker temporaries go either way.
    /// </summary>
    public RestoreMarker? Recover(CancellationToken cancellationToken)
    {
        RemoveMarkerTemporaries();
        if (HasJournal)
        {
            return RollForward(cancellationToken);
        }

        if (Directory.Exists(WorkDirectory))
        {
            _log.Warn($"removing what an interrupted restore left in {WorkDirectory} (no commit journal: it was never verified, or it was finished and only its clean-up was cut short)");
            Directory.Delete(WorkDirectory, recursive: true);
        }

        return null;
    }

    /// <summary>Creates an empty staging directory (the work space is empty after <see cref="Recover"/>).</summary>
    public void PrepareStaging()
    {
        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }

        Directory.CreateDirectory(Staging);
    }

    /// <summary>Best-effort cleanup after a failed restore: the volume is left as it was before.</summary>
    public void DiscardStaging()
    {
        try
        {
            if (Directory.Exists(WorkDirectory) && !HasJournal)
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
        }
        catch (IOException e)
        {
            _log.Warn($"could not remove {WorkDirectory} ({e.Message}); the next run removes it");
        }
    }

    /// <summary>Records the verified staging tree as ready, then moves it into place.</summary>
    public void Commit(RestoreJournal journal, CancellationToken cancellationToken)
    {
        // Everything extracted must be durable before the journal claims it is ready.
        Libc.Sync();
        CrashPoint.Reached(CrashPoint.Verified, _log, cancellationToken);
        AtomicFile.WriteAllText(JournalPath, SnapshotJson.WriteJournal(journal));
        RollForward(cancellationToken);
    }

    /// <summary>
    /// Finishes a committed restore: idempotent, so a kill at any point is repaired by running it
    /// again. Once the journal exists the restore is no longer cancelled: it is finished (a few
    /// renames), because the state is verified and the next run would finish it anyway.
    /// </summary>
    public RestoreMarker RollForward(CancellationToken cancellationToken)
    {
        var journal = SnapshotJson.ParseJournal(File.ReadAllText(JournalPath));
        CrashPoint.Reached(CrashPoint.Journaled, _log, cancellationToken);
        foreach (var name in journal.Entries)
        {
            var staged = Path.Combine(Staging, name);
            if (!Directory.Exists(staged))
            {
                continue; // moved already
            }

            MoveAside(name);
            Directory.Move(staged, Path.Combine(Target, name));
        }

        // Names the archive has no new version of: whatever is there belongs to the old state.
        foreach (var name in journal.Retired.Except(journal.Entries, StringComparer.Ordinal))
        {
            MoveAside(name);
        }

        CrashPoint.Reached(CrashPoint.Moved, _log, cancellationToken);
        AtomicFile.WriteAllText(MarkerPath, SnapshotJson.WriteMarker(journal.Marker));
        Libc.Sync();
        CrashPoint.Reached(CrashPoint.Marked, _log, cancellationToken);
        File.Delete(JournalPath);
        Directory.Delete(WorkDirectory, recursive: true);
        return journal.Marker;
    }

    /// <summary>Moves the live <paramref name="name"/>, if any, under replaced/ (deleted with the work directory).</summary>
    private void MoveAside(string name)
    {
        var live = Path.Combine(Target, name);
        if (!Directory.Exists(live) && !File.Exists(live))
        {
            return;
        }

        Directory.CreateDirectory(Replaced);
        var aside = Path.Combine(Replaced, name);
        if (Directory.Exists(aside))
        {
            Directory.Delete(aside, recursive: true);
        }
        else if (File.Exists(aside))
        {
            File.Delete(aside);
        }

        if (Directory.Exists(live))
        {
            Directory.Move(live, aside);
        }
        else
        {
            File.Move(live, aside);
        }
    }

    private void RemoveMarkerTemporaries()
    {
        foreach (var leftover in Directory.EnumerateFiles(Target, RestoreMarker.FileName + AtomicFile.TemporarySuffix + "*"))
        {
            _log.Warn($"removing {leftover}, a marker an interrupted run did not finish writing");
            File.Delete(leftover);
        }
    }
}
