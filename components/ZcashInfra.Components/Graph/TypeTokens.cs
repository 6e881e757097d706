namespace ZcashInfra.Components.Graph;

/// <summary>Facts about Pulumi type tokens that more than one layer needs.</summary>
public static class TypeTokens
{
    /// <summary>Prefix of a provider resource's type token (<c>pulumi:providers:gcp</c>).</summary>
    public const string ProviderPrefix = "pulumi:providers:";

    /// <summary>The package (plugin) a token belongs to.</summary>
    public static string PackageOf(string type)
    {
        if (type.StartsWith(ProviderPrefix, StringComparison.Ordinal))
        {
            return type[ProviderPrefix.Length..];
        }

        var colon = type.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? type : type[..colon];
    }

    /// <summary>True for a provider resource (an explicit provider configuration).</summary>
    public static bool IsProvider(string type) => type.StartsWith(ProviderPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Provider-side components: the provider plugin expands them, so the SDK registers them as
    /// remote components.
    /// </summary>
    public static bool IsRemoteComponent(string type) => type is
        "kubernetes:yaml/v2:ConfigFile" or "kubernetes:yaml/v2:ConfigGroup" or "kubernetes:helm.sh/v4:Chart";
}
