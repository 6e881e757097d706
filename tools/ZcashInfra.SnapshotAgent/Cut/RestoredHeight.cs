using ZcashInfra.SnapshotAgent.IO;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Cut;

/// <summary>
/// A restore by archive URL learns the height only from our manifest, which the Foundation's
/// archives lack; the index entry restore-newest picked did say it. Writing it into the marker
/// lets later steps (target-height) compare against what was actually restored.
/// </summary>
public static class RestoredHeight
{
    /// <summary>Adds <paramref name="height"/> to the marker in <paramref name="target"/> when the marker has none.</summary>
    public static void Record(string target, long? height)
    {
        var path = Path.Combine(Path.GetFullPath(target), RestoreMarker.FileName);
        if (height is null || !File.Exists(path))
        {
            return;
        }

        var marker = SnapshotJson.ParseMarker(File.ReadAllText(path));
        if (marker.Height is null)
        {
            AtomicFile.WriteAllText(path, SnapshotJson.WriteMarker(marker with { Height = height }));
        }
    }
}
