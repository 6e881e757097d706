using ZcashInfra.Components.SnapshotAgent;

namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:snapshotAgent</c> — the container image of tools/ZcashInfra.SnapshotAgent.</summary>
public sealed record SnapshotAgentSettings
{
    /// <summary>Image reference (tag or digest).</summary>
    public string Image { get; init; } = SnapshotAgentImage.Default;

    internal void Validate(SettingsPath path, SettingsErrors errors) =>
        errors.Require(SnapshotAgentImage.IsPinned(Image), path["image"], $"must be pinned by tag or digest (not :latest), got '{Image}'");
}
