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
    private const string WorkDirectoryName = ".snapshot-restore";
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

    /// <summary>Empties the work space (an interrupted restore's leftovers) and creates an empty staging directory.</summary>
    public void PrepareStaging()
    {
        if (Directory.Exists(WorkDirectory))
        {
            _log.Warn($"removing the staging directory of an interrupted restore in {WorkDirectory}");
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
    public void Commit(RestoreJournal journal)
    {
        // Everything extracted must be durable before the journal claims it is ready.
        Libc.Sync();
        AtomicFile.WriteAllText(JournalPath, SnapshotJson.WriteJournal(journal));
        RollForward();
    }

    /// <summary>Finishes a committed restore: idempotent, so a kill at any point is repaired by running it again.</summary>
    public RestoreMarker RollForward()
    {
        var journal = SnapshotJson.ParseJournal(File.ReadAllText(JournalPath));
        foreach (var name in journal.Entries)
        {
            var staged = Path.Combine(Staging, name);
            if (!Directory.Exists(staged))
            {
                continue; // moved already
            }

            var live = Path.Combine(Target, name);
            if (Directory.Exists(live) || File.Exists(live))
            {
                Directory.CreateDirectory(Replaced);
                var aside = Path.Combine(Replaced, name);
                if (Directory.Exists(aside))
                {
                    Directory.Delete(aside, recursive: true);
                }

                Directory.Move(live, aside);
            }

            Directory.Move(staged, live);
        }

        AtomicFile.WriteAllText(MarkerPath, SnapshotJson.WriteMarker(journal.Marker));
        Libc.Sync();
        File.Delete(JournalPath);
        Directory.Delete(WorkDirectory, recursive: true);
        return journal.Marker;
    }
}
