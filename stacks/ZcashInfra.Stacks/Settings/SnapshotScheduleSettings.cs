using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Scheduling;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:snapshotSchedule</c> — when the snapshot job cuts new snapshots, and of what.</summary>
public sealed record SnapshotScheduleSettings
{
    /// <summary>
    /// Run the cuts on their schedule. When false, the CronJobs of listed cuts are still declared but
    /// suspended, so they only run when started by hand. Default false.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>Cron schedule (UTC) of every cut that sets none. Default <c>0 3 * * *</c> (daily at 03:00).</summary>
    public string Cron { get; init; } = "0 3 * * *";

    /// <summary>
    /// How far behind the tip (in hours of chain time) the newest snapshot may be, i.e. where a new
    /// node starts at worst. Checked against each cut's schedule, depth and deadline when enabled.
    /// Default 48. A daily zebrad cut with its default deadline is at worst 1000 blocks + 24 h + the
    /// deadlines behind: 6.94 + 24 + 0.17 + 4 = 35.11 h on mainnet (25 s blocks since NU7), and
    /// 20.83 + 24 + 0.17 + 2 = 47 h on testnet (timed at 75 s).
    /// </summary>
    public int MaxAgeHours { get; init; } = 48;

    /// <summary>The cuts: one CronJob per network and implementation.</summary>
    public IReadOnlyList<SnapshotCutSettings> Cuts { get; init; } = [];

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        if (!CronSchedule.TryParse(Cron ?? string.Empty, out _, out var cronError))
        {
            errors.Add(path["cron"], $"'{Cron}' is not a valid schedule: {cronError}");
        }

        errors.AtLeast(MaxAgeHours, 1, path["maxAgeHours"]);
        errors.Require(!Enabled || Cuts.Count > 0, path["cuts"], "lists no cuts; add one (network, version, …) or set enabled: false");
        errors.Require(Cuts.Count == 0 || stack.Cloud != Cloud.Existing, path["cuts"],
            "need a snapshot bucket to publish to, which only a gcp or aws stack declares");

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Cuts.Count; i++)
        {
            var cut = Cuts[i];
            cut.Validate(path["cuts"][i], this, stack, errors);
            if (!seen.TryAdd(cut.JobName, i))
            {
                errors.Add(path["cuts"][i]["network"], $"{cut.JobName} is already declared by {path["cuts"][seen[cut.JobName]]} (one cut per network and implementation)");
            }
        }
    }
}
