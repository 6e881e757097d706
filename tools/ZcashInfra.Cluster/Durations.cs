using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.Cluster;

/// <summary>Durations as people and Go programs write them: <c>90s</c>, <c>30m</c>, <c>1h30m</c>, <c>500ms</c>.</summary>
public static partial class Durations
{
    /// <summary>Parses a duration; null when the text is not one (or is not positive).</summary>
    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || text.Trim().Length == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789.".ToCharArray());
            var number = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            total += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.Zero,
            };
        }

        return total > TimeSpan.Zero && total < TimeSpan.FromDays(3650) ? total : null;
    }

    /// <summary>A short form: <c>1h30m</c>, <c>45s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return $"{(int)span.TotalMilliseconds}ms";
        }

        var text = string.Empty;
        if (span.TotalHours >= 1)
        {
            text += $"{(int)span.TotalHours}h";
        }

        if (span.Minutes > 0)
        {
            text += $"{span.Minutes}m";
        }

        if (span.Seconds > 0 || text.Length == 0)
        {
            text += $"{span.Seconds}s";
        }

        return text;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
