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
