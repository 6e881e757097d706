using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One support-window finding: the key whose pin it is about, and whether it fails validation.</summary>
/// <param name="IsError">True for a pin past its end of support; false for a warning.</param>
/// <param name="Path">The key holding the pin.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record SupportFinding(bool IsError, SettingsPath Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Checks every mainnet zebrad a stack runs (node sets and snapshot-job cuts) against its
/// release's end of support at a given moment (<see cref="ZebraSupport"/>). Kept out of settings
/// loading on purpose: loading must give the same answer on every day (renders, goldens, diffs),
/// while this answer moves with the chain; <c>validate</c> runs it with the clock it is given.
/// </summary>
public static class SupportWindowRules
{
    /// <summary>Every finding for <paramref name="settings"/> at <paramref name="now"/>, node sets first.</summary>
    public static IReadOnlyList<SupportFinding> Validate(StackSettings settings, DateTimeOffset now, MainnetTip? tip = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var findings = new List<SupportFinding>();
        var root = new SettingsPath(string.Empty);
        for (var i = 0; i < settings.NodeSets.Count; i++)
        {
            var set = settings.NodeSets[i];
            if (set.Implementation == NodeImplementation.Zebrad)
            {
                Add(findings, root["nodeSets"][i]["version"], set.Version, set.Network, now, tip, inheritedFrom: null);
            }
        }

        for (var i = 0; i < settings.SnapshotSchedule.Cuts.Count; i++)
        {
            var cut = settings.SnapshotSchedule.Cuts[i];
            if (cut.Implementation != NodeImplementation.Zebrad)
            {
                continue;
            }

            var source = cut.VersionSource(settings.NodeSets);
            var version = cut.Version ?? source?.Version;
            if (version is not null)
            {
                var from = source is null ? null : $"nodeSets[{IndexOf(settings.NodeSets, source)}].version";
                Add(findings, root["snapshotSchedule"]["cuts"][i]["version"], version, cut.Network, now, tip, from);
            }
        }

        return findings;
    }

    private static void Add(List<SupportFinding> findings, SettingsPath path, string version, Network network, DateTimeOffset now, MainnetTip? tip, string? inheritedFrom)
    {
        var assessment = ZebraSupport.Assess(version, network, now, tip);
        if (assessment.Status == SupportStatus.Supported)
        {
            return;
        }

        var message = inheritedFrom is null ? assessment.Message : $"(the snapshot job's node, version from {inheritedFrom}) {assessment.Message}";
        findings.Add(new SupportFinding(assessment.Status == SupportStatus.Ended, path, message));
    }

    private static int IndexOf(IReadOnlyList<NodeSetSettings> sets, NodeSetSettings set)
    {
        for (var i = 0; i < sets.Count; i++)
        {
            if (ReferenceEquals(sets[i], set))
            {
                return i;
            }
        }

        return -1;
    }
}
