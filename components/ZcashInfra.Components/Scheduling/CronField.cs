using System.Globalization;

namespace ZcashInfra.Components.Scheduling;

/// <summary>
/// One field of a standard five-field cron expression, parsed the way the Kubernetes CronJob
/// controller (robfig/cron v3) parses it: <c>*</c> (or <c>?</c>), numbers, names (<c>jan</c>,
/// <c>mon</c>), ranges <c>a-b</c>, steps <c>*/n</c>, <c>a-b/n</c> and <c>a/n</c> (from a to the
/// maximum), and comma-separated lists of these.
/// </summary>
/// <param name="Values">The values the field matches.</param>
/// <param name="Star">The field was <c>*</c> or <c>?</c> (a step of 1 allowed): day-of-month and day-of-week then combine with AND, not OR.</param>
internal sealed record CronField(IReadOnlySet<int> Values, bool Star)
{
    /// <summary>Parses <paramref name="text"/> for a field of values <paramref name="min"/>…<paramref name="max"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static CronField Parse(string text, string field, int min, int max, IReadOnlyList<string>? names = null)
    {
        var values = new SortedSet<int>();
        var star = false;
        foreach (var part in text.Split(','))
        {
            if (part.Length == 0)
            {
                throw new FormatException($"{field}: empty list item in '{text}'");
            }

            var slash = part.Split('/');
            if (slash.Length > 2)
            {
                throw new FormatException($"{field}: too many '/' in '{part}'");
            }

            int start, end;
            var partStar = slash[0] is "*" or "?";
            if (partStar)
            {
                (start, end) = (min, max);
            }
            else
            {
                var dash = slash[0].Split('-');
                if (dash.Length > 2)
                {
                    throw new FormatException($"{field}: too many '-' in '{part}'");
                }

                start = Value(dash[0], field, names, min);
                end = dash.Length == 2 ? Value(dash[1], field, names, min) : start;
            }

            var step = 1;
            if (slash.Length == 2)
            {
                if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    throw new FormatException($"{field}: the step in '{part}' must be a positive number");
                }

                // "a/n" means "a-max/n".
                if (!partStar && !slash[0].Contains('-', StringComparison.Ordinal))
                {
                    end = max;
                }
            }

            if (start < min || end > max)
            {
                throw new FormatException($"{field}: '{part}' is outside {min}–{max}");
            }

            if (start > end)
            {
                throw new FormatException($"{field}: the range '{part}' starts after it ends");
            }

            for (var v = start; v <= end; v += step)
            {
                values.Add(v);
            }

            // As in robfig/cron: "*/2" restricts the field, so it no longer counts as "*".
            star |= partStar && step == 1;
        }

        return new CronField(values, star);
    }

    private static int Value(string text, string field, IReadOnlyList<string>? names, int min)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var index = names?.Select((n, i) => (n, i)).FirstOrDefault(x => string.Equals(x.n, text, StringComparison.OrdinalIgnoreCase)) is { n: not null } found ? found.i : -1;
        return index >= 0 ? index + min : throw new FormatException($"{field}: '{text}' is not a number{(names is null ? string.Empty : " or a name")}");
    }
}
