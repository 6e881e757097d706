namespace ZcashInfra.Stacks.Settings;

/// <summary>The cron rule settings share (Kubernetes CronJob schedules: five fields, UTC here).</summary>
internal static class CronSchedule
{
    public static bool IsValid(string? cron) => cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5;

    public static string Rule(string? got) => $"must be a 5-field cron expression, got '{got}'";
}
