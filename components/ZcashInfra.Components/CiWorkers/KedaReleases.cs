using System.Text.RegularExpressions;

namespace ZcashInfra.Components.CiWorkers;

/// <summary>Where KEDA's release manifests live, pinned by version (one place for the URL scheme).</summary>
public static partial class KedaReleases
{
    /// <summary>KEDA 2.19.0 (February 2026).</summary>
    public const string DefaultVersion = "v2.19.0";

    /// <summary>True for a release tag such as v2.19.0.</summary>
    public static bool IsReleaseTag(string version) => Tag().IsMatch(version);

    /// <summary>
    /// The release manifest (CRDs, operator, metrics server, admission webhooks in namespace keda).
    /// Its CRDs are too large for client-side apply; Pulumi applies server-side, as KEDA requires.
    /// </summary>
    public static string Manifest(string version) =>
        IsReleaseTag(version)
            ? $"https://github.com/kedacore/keda/releases/download/{version}/keda-{version[1..]}.yaml"
            : throw new ArgumentException($"'{version}' is not a KEDA release tag like v2.19.0", nameof(version));

    [GeneratedRegex("^v[0-9]+\\.[0-9]+\\.[0-9]+$")]
    private static partial Regex Tag();
}
