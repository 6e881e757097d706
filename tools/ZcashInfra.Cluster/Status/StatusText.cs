using System.Globalization;
using System.Text;

namespace ZcashInfra.Cluster.Status;

/// <summary>The report as a person reads it: one block per node set, cut and the CI workers.</summary>
public static class StatusText
{
    public static string Render(StatusReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"stack {report.Stack} on {report.Cluster}: {(report.Healthy ? "healthy" : "NOT healthy")}\n");
        foreach (var set in report.NodeSets)
        {
            var ready = set.Pods.Count(p => p.Ready);
            text.Append(CultureInfo.InvariantCulture, $"node set {set.Name} ({set.Network}): {ready}/{set.Replicas} ready");
            text.Append(set.NetworkTip is { } tip ? $", network tip {tip}\n" : "\n");
            if (set.Problem is { } problem)
            {
                text.Append(CultureInfo.InvariantCulture, $"  ✗ {problem}\n");
            }

            foreach (var pod in set.Pods)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {pod.Name}: {(pod.Ready ? "ready" : "not ready")}, {pod.Restarts} restarts");
                if (pod.Tip is { } height)
                {
                    text.Append(CultureInfo.InvariantCulture, $", tip {height}");
                    if (set.NetworkTip is { } network && network > height)
                    {
                        text.Append(CultureInfo.InvariantCulture, $" ({network - height} behind)");
                    }
                }

                if (pod.Restoring)
                {
                    text.Append(CultureInfo.InvariantCulture, $", restoring{(pod.RestoreProgress is null ? string.Empty : ": " + pod.RestoreProgress)}");
                }

                if (pod.Problem is { } failure)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n    ✗ {failure}");
                }
                else if (pod.Note is { } note && !pod.Restoring)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ({note})");
                }

                text.Append('\n');
            }
        }

        foreach (var cut in report.Cuts)
        {
            var bucket = cut.BucketHeight is { } h ? $"height {h}{(cut.BucketAge is { } age ? $", {Age(age)} old" : string.Empty)}" : cut.BucketNote ?? "none";
            var volume = cut.Problem is { } problem ? $"✗ {problem}" : cut.VolumeSnapshot is { } name ? $"{name}{(cut.VolumeAge is { } vage ? $", {Age(vage)} old" : string.Empty)}" : "none";
            text.Append(CultureInfo.InvariantCulture, $"cut {cut.Name}: newest bucket snapshot {bucket}; newest volume snapshot {volume}\n");
        }

        if (report.Workers is { } workers)
        {
            text.Append(workers.Problem is { } problem
                ? $"CI workers: ✗ {problem}\n"
                : $"CI workers: {workers.Ready}/{workers.Replicas} ready (max {workers.Max})\n");
        }

        return text.ToString();
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{(int)age.TotalDays}d" : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h{age.Minutes:D2}m" : $"{(int)age.TotalMinutes}m";
}
