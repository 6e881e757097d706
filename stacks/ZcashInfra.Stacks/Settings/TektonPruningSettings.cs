using ZcashInfra.Components.Scheduling;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.Tekton;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:tekton.pruning</c> — deleting finished runs so they do not pile up.</summary>
public sealed record TektonPruningSettings
{
    /// <summary>Cron schedule (UTC). Default <c>17 * * * *</c> (hourly at minute 17).</summary>
    public string Schedule { get; init; } = new RunPruningArgs().Schedule;

    /// <summary>Finished runs kept per pipeline (and per task, for runs outside pipelines). Default 20.</summary>
    public int Keep { get; init; } = new RunPruningArgs().KeepRuns;

    /// <summary>The pruner's image: kubectl and a shell.</summary>
    public string Image { get; init; } = RunPruningArgs.DefaultImage;

    /// <summary>The component-side value.</summary>
    public RunPruningArgs ToArgs() => new() { Schedule = Schedule, KeepRuns = Keep, Image = Image };

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        if (!CronSchedule.TryParse(Schedule ?? string.Empty, out _, out var cronError))
        {
            errors.Add(path["schedule"], $"'{Schedule}' is not a valid schedule: {cronError}");
        }

        errors.AtLeast(Keep, 1, path["keep"]);
        errors.Require(SnapshotAgentImage.IsPinned(Image ?? string.Empty), path["image"], $"must be pinned by tag or digest (not :latest), got '{Image}'");
    }
}
