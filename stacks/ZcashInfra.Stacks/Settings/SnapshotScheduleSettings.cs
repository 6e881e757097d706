namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:snapshotSchedule</c> — when the snapshot job cuts new snapshots.</summary>
public sealed record SnapshotScheduleSettings
{
    /// <summary>Cut snapshots on a schedule. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>Cron schedule (UTC). Default daily at 03:00.</summary>
    public string Cron { get; init; } = "0 3 * * *";

    /// <summary>How old (in hours of chain time) the newest snapshot may be. Default 24.</summary>
    public int MaxAgeHours { get; init; } = 24;

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5, path["cron"], $"must be a 5-field cron expression, got '{Cron}'");
        errors.AtLeast(MaxAgeHours, 1, path["maxAgeHours"]);
    }
}
