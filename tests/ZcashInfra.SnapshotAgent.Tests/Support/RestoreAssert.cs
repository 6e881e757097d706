using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>What a target directory must look like after a restore succeeded, or failed.</summary>
public static class RestoreAssert
{
    /// <summary>The snapshot's state is in place, staging is gone, the marker names the digest (and URL).</summary>
    public static RestoreMarker Restored(FoundationSnapshot snapshot, string target, string? url = null)
    {
        Assert.Equal(StateTrees.Snapshot(Path.Combine(snapshot.Source, "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        Assert.False(Directory.Exists(Path.Combine(target, ".snapshot-restore")), "staging must be gone");
        var marker = SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName)));
        Assert.Equal(snapshot.Sha256, marker.Sha256);
        Assert.Equal(28, marker.DbMajor);
        if (url is not null)
        {
            Assert.Equal(url, marker.Url);
        }

        return marker;
    }

    /// <summary>Nothing was left behind: no state, no marker, no staging.</summary>
    public static void Untouched(string target)
    {
        Assert.False(Directory.Exists(Path.Combine(target, "state")), "no state may be left behind");
        Assert.False(File.Exists(Path.Combine(target, RestoreMarker.FileName)), "no marker may be written");
        Assert.False(Directory.Exists(Path.Combine(target, ".snapshot-restore")), "staging must be cleaned up");
    }

    /// <summary>
    /// The target holds nothing a run left half-done: only node state, the marker and the claim's
    /// lock file at the top level; no work directory, no marker temporaries.
    /// </summary>
    public static void Tidy(string target)
    {
        string[] allowed = ["state", "non_finalized_state", RestoreMarker.FileName, Restore.TargetClaim.FileName];
        var names = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).ToList();
        Assert.All(names, name => Assert.Contains(name, allowed));
    }

    /// <summary>A failure is reported as exactly one line on stderr, containing <paramref name="text"/>.</summary>
    public static void OneErrorLine(AgentResult result, string text)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr\n{result}");
        Assert.Contains(text, lines[0], StringComparison.Ordinal);
    }
}
