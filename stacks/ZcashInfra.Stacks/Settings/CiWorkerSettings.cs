namespace ZcashInfra.Stacks.Settings;

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
