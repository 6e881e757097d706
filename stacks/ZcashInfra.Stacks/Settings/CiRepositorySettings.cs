using ZcashInfra.Components.CiPipelines;

namespace ZcashInfra.Stacks.Settings;

/// <summary>One entry of <c>zcash-infra:tekton.repositories</c>: a GitHub repository whose webhooks start runs.</summary>
public sealed record CiRepositorySettings
{
    /// <summary>Short name (a DNS label): run names and trigger names. Required.</summary>
    public required string Name { get; init; }

    /// <summary>https://github.com/&lt;owner&gt;/&lt;repository&gt;. Required.</summary>
    public required string Url { get; init; }

    /// <summary>
    /// What its webhooks start: zebrad or zcashd (build, unit tests, integration), snapshotAgent (this
    /// project: builds and pushes the agent image, previews its pull requests) or preview (this project,
    /// previews only). Required.
    /// </summary>
    public required CiBuild Build { get; init; }

    /// <summary>The component-side value.</summary>
    public CiRepository ToArgs() => new(Name, Url, Build);

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(KubernetesNames.IsDnsLabel(Name ?? string.Empty) && (Name ?? string.Empty).Length <= 40, path["name"],
            $"must be a DNS label of at most 40 characters (run names add a suffix), got '{Name}'");
        var segments = Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme == "https" && uri.Host == "github.com"
            ? uri.AbsolutePath.Trim('/').Split('/')
            : [];
        errors.Require(segments.Length == 2 && segments.All(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')),
            path["url"], $"must be https://github.com/<owner>/<repository>, got '{Url}'");
    }
}
