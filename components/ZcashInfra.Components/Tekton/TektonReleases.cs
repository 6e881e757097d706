using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Tekton;

/// <summary>
/// Where Tekton's official release manifests live, pinned by version: the one place that knows the
/// URL scheme (the releases moved from storage.googleapis.com to infra.tekton.dev in March 2026).
/// </summary>
public static partial class TektonReleases
{
    /// <summary>Base of every release manifest.</summary>
    public const string BaseUrl = "https://infra.tekton.dev/tekton-releases";

    /// <summary>Tekton Pipelines v1.15.0, the LTS release current in 2026.</summary>
    public const string DefaultPipelines = "v1.15.0";

    /// <summary>Tekton Triggers default.</summary>
    public const string DefaultTriggers = "v0.37.0";

    /// <summary>
    /// Tekton Dashboard default: v0.72.0, whose release notes state support for Pipelines v1.15.x LTS
    /// and v1.16.x and Triggers v0.37.x LTS (tektoncd/dashboard releases).
    /// </summary>
    public const string DefaultDashboard = "v0.72.0";

    /// <summary>The namespace every release installs into.</summary>
    public const string Namespace = "tekton-pipelines";

    /// <summary>The Dashboard's Service (ClusterIP) and port.</summary>
    public const string DashboardService = "tekton-dashboard";

    /// <summary>The Dashboard Service's port.</summary>
    public const int DashboardPort = 9097;

    /// <summary>True for a release tag such as v1.15.0.</summary>
    public static bool IsReleaseTag(string version) => Tag().IsMatch(version);

    /// <summary>Pipelines' release manifest (CRDs, controllers, webhooks).</summary>
    public static string Pipelines(string version) => Url("pipeline", version, "release.yaml");

    /// <summary>Triggers' release manifest.</summary>
    public static string Triggers(string version) => Url("triggers", version, "release.yaml");

    /// <summary>Triggers' core interceptors (github, cel, …), a separate manifest of the same release.</summary>
    public static string Interceptors(string version) => Url("triggers", version, "interceptors.yaml");

    /// <summary>The Dashboard's read-only release manifest.</summary>
    public static string Dashboard(string version) => Url("dashboard", version, "release.yaml");

    private static string Url(string project, string version, string file) =>
        IsReleaseTag(version)
            ? $"{BaseUrl}/{project}/previous/{version}/{file}"
            : throw new ArgumentException($"'{version}' is not a Tekton release tag like v1.15.0", nameof(version));

    [GeneratedRegex("^v[0-9]+\\.[0-9]+\\.[0-9]+$")]
    private static partial Regex Tag();
}
