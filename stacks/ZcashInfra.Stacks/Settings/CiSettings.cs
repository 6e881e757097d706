using System.Text.RegularExpressions;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:tekton</c> — Tekton CI, installed from its pinned release manifests.</summary>
public sealed partial record TektonSettings
{
    /// <summary>Install Tekton. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>Tekton Pipelines release. Default v1.15.0 (LTS).</summary>
    public string PipelinesVersion { get; init; } = "v1.15.0";

    /// <summary>Tekton Triggers release. Default v0.37.0.</summary>
    public string TriggersVersion { get; init; } = "v0.37.0";

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(Release().IsMatch(PipelinesVersion), path["pipelinesVersion"], $"must be a release tag like v1.15.0, got '{PipelinesVersion}'");
        errors.Require(Release().IsMatch(TriggersVersion), path["triggersVersion"], $"must be a release tag like v0.37.0, got '{TriggersVersion}'");
    }

    [GeneratedRegex("^v[0-9]+\\.[0-9]+\\.[0-9]+$")]
    private static partial Regex Release();
}

/// <summary><c>zcash-infra:ciWorkers</c> — CI workers that scale with the build queue.</summary>
public sealed record CiWorkerSettings
{
    /// <summary>Run CI workers. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>Fewest workers (0 lets CI scale to nothing at night). Default 0.</summary>
    public int MinWorkers { get; init; }

    /// <summary>Most workers. Default 4.</summary>
    public int MaxWorkers { get; init; } = 4;

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.AtLeast(MinWorkers, 0, path["minWorkers"]);
        errors.Require(MaxWorkers >= Math.Max(1, MinWorkers), path["maxWorkers"], $"must be ≥ max(1, minWorkers = {MinWorkers}), got {MaxWorkers}");
    }
}

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
