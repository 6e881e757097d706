using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>CPU and memory a container requests (memory is also its limit).</summary>
public sealed record ResourceSettings
{
    /// <summary>CPU, e.g. 2 or 500m. Required.</summary>
    public required string Cpu { get; init; }

    /// <summary>Memory, e.g. 4Gi. Required.</summary>
    public required string Memory { get; init; }

    /// <summary>The component-side value.</summary>
    public ComputeResources ToArgs() => new(Cpu, Memory);

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(Quantity.Parse(Cpu) is > 0, path["cpu"], Quantity.Rule(Cpu));
        errors.Require(Quantity.Parse(Memory) is > 0, path["memory"], Quantity.Rule(Memory));
    }
}
