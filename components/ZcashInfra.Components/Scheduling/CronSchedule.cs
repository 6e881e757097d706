namespace ZcashInfra.Components.Scheduling;

/// <summary>
/// A standard five-field cron expression (minute, hour, day of month, month, day of week) or a
/// descriptor (<c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, …) as the Kubernetes CronJob
/// controller reads it, evaluated in UTC (the CronJobs set <c>timeZone</c> to <see cref="TimeZone"/>). It answers
/// what a snapshot schedule needs: the longest and the shortest time between two consecutive firings.
/// </summary>
public sealed class CronSchedule
{
    /// <summary>The time zone every CronJob of this project names (<c>spec.timeZone</c>), whatever the controller's local zone; the schedules here are evaluated in it.</summary>
    public const string TimeZone = "Etc/UTC";

    /// <summary>The Gregorian calendar repeats every 400 years (146,097 days, a whole number of weeks), so one cycle holds every gap there is.</summary>
    private const int CycleDays = 146_097;

    private static readonly DateOnly CycleStart = new(2001, 1, 1);

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly IReadOnlyDictionary<string, string> Descriptors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private readonly CronField _minute;
    private readonly CronField _hour;
    private readonly CronField _dayOfMonth;
    private readonly CronField _month;
    private readonly CronField _dayOfWeek;

    private CronSchedule(string expression, CronField minute, CronField hour, CronField dayOfMonth, CronField month, CronField dayOfWeek)
    {
        Expression = expression;
        _minute = minute;
        _hour = hour;
        _dayOfMonth = dayOfMonth;
        _month = month;
        _dayOfWeek = dayOfWeek;
        (Longest, Shortest) = Gaps();
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    /// <summary>The longest time between two consecutive firings.</summary>
    public TimeSpan Longest { get; }

    /// <summary>The shortest time between two consecutive firings.</summary>
    public TimeSpan Shortest { get; }

    /// <summary>Parses an expression; throws <see cref="FormatException"/> with the reason (which field, what is wrong).</summary>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        if (text.StartsWith('@'))
        {
            text = Descriptors.TryGetValue(text, out var expanded) ? expanded
                : throw new FormatException($"unknown descriptor '{text}' (use {string.Join(", ", Descriptors.Keys)} or five fields)");
        }
        else if (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            throw new FormatException("a time zone in the schedule is not allowed; schedules are UTC");
        }

        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"must have five fields (minute hour day-of-month month day-of-week), got {fields.Length}");
        }

        var schedule = new CronSchedule(
            expression,
            CronField.Parse(fields[0], "minute", 0, 59),
            CronField.Parse(fields[1], "hour", 0, 23),
            CronField.Parse(fields[2], "day of month", 1, 31),
            CronField.Parse(fields[3], "month", 1, 12, MonthNames),
            CronField.Parse(fields[4], "day of week", 0, 6, DayNames));
        return schedule.Longest > TimeSpan.Zero ? schedule : throw new FormatException("never fires (no day matches the day-of-month and month fields)");
    }

    /// <summary>Parses an expression, or returns the reason it cannot be parsed.</summary>
    public static bool TryParse(string expression, out CronSchedule? schedule, out string? error)
    {
        try
        {
            schedule = Parse(expression);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            schedule = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Whether the schedule fires on this (UTC) day.</summary>
    public bool FiresOn(DateOnly day)
    {
        if (!_month.Values.Contains(day.Month))
        {
            return false;
        }

        var dayOfMonth = _dayOfMonth.Values.Contains(day.Day);
        var dayOfWeek = _dayOfWeek.Values.Contains((int)day.DayOfWeek);

        // Vixie cron (and robfig/cron): two restricted day fields match either; a "*" in one leaves the other.
        return _dayOfMonth.Star || _dayOfWeek.Star ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }

    private (TimeSpan Longest, TimeSpan Shortest) Gaps()
    {
        // Every firing day fires at the same times of day, so gaps are either between two of those
        // times or from the last of one firing day to the first of the next.
        var times = _hour.Values.SelectMany(h => _minute.Values.Select(m => (h * 60) + m)).Order().ToList();
        var longest = 0;
        var shortest = int.MaxValue;
        for (var i = 1; i < times.Count; i++)
        {
            longest = Math.Max(longest, times[i] - times[i - 1]);
            shortest = Math.Min(shortest, times[i] - times[i - 1]);
        }

        int? first = null;
        int? previous = null;
        for (var d = 0; d < CycleDays; d++)
        {
            if (!FiresOn(CycleStart.AddDays(d)))
            {
                continue;
            }

            first ??= d;
            if (previous is { } p)
            {
                Across(d - p);
            }

            previous = d;
        }

        if (first is null)
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        // From the cycle's last firing day around to the first one of the next cycle.
        Across(first.Value + CycleDays - previous!.Value);
        return (TimeSpan.FromMinutes(longest), TimeSpan.FromMinutes(shortest));

        void Across(int days)
        {
            var gap = (days * 24 * 60) - times[^1] + times[0];
            longest = Math.Max(longest, gap);
            shortest = Math.Min(shortest, gap);
        }
    }
}
