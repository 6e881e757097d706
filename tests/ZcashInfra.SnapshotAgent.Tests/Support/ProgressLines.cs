using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>The percentages of the progress lines a run logged for one step ("upload …: 3.0 MiB of 8.0 MiB (37.5%), …").</summary>
public static partial class ProgressLines
{
    public static List<double> Percents(string output, string step) =>
        [.. output.Split('\n')
            .Where(line => line.Contains(step, StringComparison.Ordinal))
            .Select(line => Percent().Match(line))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>The step logged at least one line part-way (bytes, percent, rate and ETA) and a final 100% line.</summary>
    public static void AssertPartWayAndDone(string output, string step)
    {
        var percents = Percents(output, step);
        Assert.True(percents.Count >= 2, $"expected progress lines for '{step}'\n{output}");
        Assert.Contains(percents, p => p is > 0 and < 100);
        Assert.Equal(100.0, percents[^1]);
        Assert.Contains(output.Split('\n'), line => line.Contains(step, StringComparison.Ordinal) && line.Contains("/s, ETA ", StringComparison.Ordinal));
        Assert.Contains(output.Split('\n'), line => line.Contains(step, StringComparison.Ordinal) && line.Contains("(done in ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@" of [^(]+\((\d+(?:\.\d+)?)%\)")]
    private static partial Regex Percent();
}
