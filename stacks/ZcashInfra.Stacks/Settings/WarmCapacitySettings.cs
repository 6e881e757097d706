using ZcashInfra.Components.CiWorkers;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:ciWorkers.warmCapacity</c> — placeholder pods below every real workload's priority
/// that keep CI nodes running, so a burst starts at once while the autoscaler adds more.
/// </summary>
public sealed record WarmCapacitySettings
{
    /// <summary>How many placeholders. Default 0 (the CI pool may scale to zero).</summary>
    public int Placeholders { get; init; }

    /// <summary>What each placeholder holds (by default, one worker's default request).</summary>
    public ResourceSettings Size { get; init; } = new() { Cpu = Defaults.Size.Cpu, Memory = Defaults.Size.Memory };

    private static WarmCapacityArgs Defaults { get; } = new();

    /// <summary>The component-side value.</summary>
    public WarmCapacityArgs ToArgs() => new() { Placeholders = Placeholders, Size = Size.ToArgs() };

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.AtLeast(Placeholders, 0, path["placeholders"]);
        Size.Validate(path["size"], errors);
    }
}
