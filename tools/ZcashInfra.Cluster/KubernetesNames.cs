using System.Text.RegularExpressions;

namespace ZcashInfra.Cluster;

/// <summary>
/// Name and label syntax the API server enforces (kubernetes/apimachinery
/// <c>pkg/util/validation/validation.go</c>: IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue),
/// checked before a request so a bad option fails as a usage error naming it.
/// </summary>
public static partial class KubernetesNames
{
    /// <summary>A DNS-1123 subdomain: what most object names must be.</summary>
    public static bool IsSubdomain(string name) => name.Length is > 0 and <= 253 && Subdomain().IsMatch(name);

    /// <summary>Why <paramref name="key"/>=<paramref name="value"/> is not a valid label, or null.</summary>
    public static string? LabelProblem(string key, string value)
    {
        var slash = key.LastIndexOf('/');
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && !IsSubdomain(prefix))
        {
            return $"key prefix '{prefix}' is not a DNS subdomain";
        }

        if (name.Length is 0 or > 63 || !QualifiedName().IsMatch(name))
        {
            return $"key name '{name}' must be ≤ 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric";
        }

        if (value.Length > 63 || (value.Length > 0 && !QualifiedName().IsMatch(value)))
        {
            return $"value '{value}' must be empty or ≤ 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric";
        }

        return null;
    }

    /// <summary>
    /// A cluster-unique name derived from parts: joined with '-', and when longer than
    /// <paramref name="limit"/>, cut and ended with a digest of the whole so distinct inputs stay distinct.
    /// </summary>
    public static string Derived(int limit, params string[] parts)
    {
        var joined = string.Join('-', parts);
        if (joined.Length <= limit)
        {
            return joined;
        }

        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined)))[..10];
        return $"{joined[..(limit - 11)].TrimEnd('-', '.')}-{digest}";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();
}
