namespace ZcashInfra.Components.Providers;

/// <summary>
/// Provider plugin versions. The constants are generated from Directory.Packages.props (see
/// ZcashInfra.Components.csproj), so the package references and the plugin versions the engine
/// installs cannot drift apart.
/// </summary>
public static partial class ProviderPins
{
    /// <summary>The plugin version for a package, or null for packages this project does not pin.</summary>
    public static string? VersionOf(string package) => package switch
    {
        "kubernetes" => Kubernetes,
        "gcp" => Gcp,
        "aws" => Aws,
        _ => null,
    };
}
