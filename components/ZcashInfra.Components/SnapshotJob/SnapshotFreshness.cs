using ZcashInfra.Components.Scheduling;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// How far behind the tip the newest snapshot can be (what a new node starts from), for a schedule.
/// A run that starts at time t cuts a block N blocks below the tip, i.e. about N × the network's
/// spacing at its tip old (<see cref="ChainTiming.Duration"/>: 25 s on mainnet since NU7, 75 s on
/// testnet). The next snapshot appears at the latest one longest gap between firings later, plus
/// the time the controller may start that run late, plus that run's deadline. So at worst the
/// newest snapshot is <c>N × spacing + longest gap + starting deadline + run deadline</c> behind the tip.
/// </summary>
public static class SnapshotFreshness
{
    /// <summary>A run may start this late (CronJob <c>startingDeadlineSeconds</c>); later, it is skipped.</summary>
    public static readonly TimeSpan StartingDeadline = TimeSpan.FromMinutes(10);

    /// <summary>The oldest the newest snapshot gets, in chain time.</summary>
    public static TimeSpan WorstAge(Network network, CronSchedule schedule, long blocksBehindTip, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return ChainTiming.Duration(network, blocksBehindTip) + schedule.Longest + StartingDeadline + deadline;
    }

    /// <summary>
    /// The problems of a schedule, each one sentence: a run that may outlast the shortest gap
    /// (Forbid would skip the next run), and a worst age above <paramref name="maxAge"/>.
    /// </summary>
    public static IEnumerable<string> Problems(Network network, CronSchedule schedule, long blocksBehindTip, TimeSpan deadline, TimeSpan? maxAge)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (deadline > schedule.Shortest)
        {
            yield return $"the deadline ({Hours(deadline)}) is longer than the shortest gap between runs of '{schedule.Expression}' ({Hours(schedule.Shortest)}): a run could still be going when the next is due, and Forbid would skip that one";
        }

        if (maxAge is { } limit && WorstAge(network, schedule, blocksBehindTip, deadline) is var worst && worst > limit)
        {
            yield return $"cannot keep snapshots within {Hours(limit)} of the tip: at worst {Hours(worst)} = {blocksBehindTip} blocks behind the tip ({Hours(ChainTiming.Duration(network, blocksBehindTip))} at {Seconds(ChainTiming.TipSpacing(network))}) + longest gap between runs of '{schedule.Expression}' ({Hours(schedule.Longest)}) + starting deadline ({Hours(StartingDeadline)}) + run deadline ({Hours(deadline)})";
        }
    }

    /// <summary>A block spacing as the messages show it (<c>25 s</c>).</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " s";

    /// <summary>A duration in hours as the messages and the README show it (<c>22.9 h</c>).</summary>
    public static string Hours(TimeSpan duration) => duration.TotalHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " h";
}
