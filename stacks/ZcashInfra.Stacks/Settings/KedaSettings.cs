using ZcashInfra.Components.CiWorkers;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:ciWorkers.keda</c> — KEDA, the autoscaler of the workers.</summary>
public sealed record KedaSettings
{
    /// <summary>Install KEDA from its release manifest; false when the cluster already runs it. Default true.</summary>
    public bool Install { get; init; } = new KedaArgs().Install;

    /// <summary>The KEDA release installed. Default v2.19.0.</summary>
    public string Version { get; init; } = KedaReleases.DefaultVersion;

    /// <summary>The component-side value.</summary>
    public KedaArgs ToArgs() => new() { Install = Install, Version = Version };

    internal void Validate(SettingsPath path, SettingsErrors errors) =>
        errors.Require(KedaReleases.IsReleaseTag(Version ?? string.Empty), path["version"], $"must be a release tag like {KedaReleases.DefaultVersion}, got '{Version}'");
}
