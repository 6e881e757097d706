using ZcashInfra.Components.Scheduling;

namespace ZcashInfra.Components.Tests.Scheduling;

public class CronScheduleTests
{
    /// <summary>Expression, longest gap, shortest gap (hours).</summary>
    public static TheoryData<string, double, double> Gaps => new()
    {
        { "30 2 * * *", 24, 24 },
        { "0 */6 * * *", 6, 6 },
        { "@daily", 24, 24 },
        { "@hourly", 1, 1 },
        { "*/15 * * * *", 0.25, 0.25 },

        // Uneven hour lists: 02:00 → 20:00 is the long gap, 20:00 → 01:00 crosses midnight.
        { "0 1,2,20 * * *", 18, 1 },
        { "0 1,8,20 * * *", 12, 5 },
        { "0 0-6/3 * * *", 18, 3 },

        // "a/n" is "a-max/n": 5, 13, 21 — and 21 → 5 the next day is 8 h.
        { "0 5/8 * * *", 8, 8 },

        // Weekdays only: Friday 03:00 → Monday 03:00 is 72 h.
        { "0 3 * * 1-5", 72, 24 },
        { "0 3 * * mon-fri", 72, 24 },
        { "0 3 * * 0", 168, 168 },

        // Day-of-month and day-of-week both restricted: either matches (the 1st, or any Monday).
        { "0 0 1 * 1", 168, 24 },

        // "*/2" in day-of-week restricts it, so the two day fields combine with OR (the 15th, or
        // Sun/Tue/Thu/Sat: at most two days apart); with AND only a 15th on those days would fire.
        { "0 0 15 * */2", 48, 24 },

        // Monthly on the 31st: only 7 months have one; Aug 31 → Oct 31 is 61 days; Jul 31 → Aug 31 is 31.
        { "0 0 31 * *", 61 * 24, 31 * 24 },

        // February 29th: every 4 years, except 2100, 2200, 2300 (not leap): 8 years at the century.
        { "0 0 29 2 *", ((365 * 8) + 1) * 24, ((365 * 4) + 1) * 24 },

        // Named months, a list of ranges.
        { "0 12 1 jan-mar,oct-dec *", 214 * 24, 28 * 24 },
    };

    [Theory]
    [MemberData(nameof(Gaps))]
    public void The_longest_and_shortest_gaps_between_firings_are_exact(string expression, double longestHours, double shortestHours)
    {
        var schedule = CronSchedule.Parse(expression);
        Assert.Equal(TimeSpan.FromHours(longestHours), schedule.Longest);
        Assert.Equal(TimeSpan.FromHours(shortestHours), schedule.Shortest);
    }

    [Theory]
    [InlineData("0 3 * *", "must have five fields (minute hour day-of-month month day-of-week), got 4")]
    [InlineData("60 * * * *", "minute: '60' is outside 0–59")]
    [InlineData("0 24 * * *", "hour: '24' is outside 0–23")]
    [InlineData("0 0 0 * *", "day of month: '0' is outside 1–31")]
    [InlineData("0 0 * 13 *", "month: '13' is outside 1–12")]
    [InlineData("0 0 * * 7", "day of week: '7' is outside 0–6")]
    [InlineData("0 5-2 * * *", "hour: the range '5-2' starts after it ends")]
    [InlineData("*/0 * * * *", "minute: the step in '*/0' must be a positive number")]
    [InlineData("0 1,,2 * * *", "hour: empty list item in '1,,2'")]
    [InlineData("0 0 * * funday", "day of week: 'funday' is not a number or a name")]
    [InlineData("0 0 30 2 *", "never fires (no day matches the day-of-month and month fields)")]
    [InlineData("@every 1h", "unknown descriptor '@every 1h' (use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or five fields)")]
    [InlineData("TZ=Europe/Berlin 0 3 * * *", "a time zone in the schedule is not allowed; schedules are UTC")]
    [InlineData("0 1-2-3 * * *", "hour: too many '-' in '1-2-3'")]
    [InlineData("0 1/2/3 * * *", "hour: too many '/' in '1/2/3'")]
    public void What_the_controller_would_refuse_is_refused_with_the_reason(string expression, string reason)
    {
        Assert.False(CronSchedule.TryParse(expression, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Firing_days_follow_the_vixie_rule()
    {
        var either = CronSchedule.Parse("0 0 13 * 5");
        Assert.True(either.FiresOn(new DateOnly(2026, 11, 13)));  // the 13th (a Friday)
        Assert.True(either.FiresOn(new DateOnly(2026, 11, 20)));  // a Friday
        Assert.True(either.FiresOn(new DateOnly(2026, 10, 13)));  // the 13th (a Tuesday)
        Assert.False(either.FiresOn(new DateOnly(2026, 11, 19)));

        var weekdaysOnly = CronSchedule.Parse("0 0 * * 1-5");
        Assert.False(weekdaysOnly.FiresOn(new DateOnly(2026, 11, 22)));  // a Sunday
        Assert.True(weekdaysOnly.FiresOn(new DateOnly(2026, 11, 23)));
    }
}
