using System.Text.RegularExpressions;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>Name rules shared by every setting that becomes a Kubernetes or cloud name.</summary>
public static partial class KubernetesNames
{
    /// <summary>True for an RFC 1123 label: what Kubernetes object names and most cloud names accept.</summary>
    public static bool IsDnsLabel(string value) => DnsLabel().IsMatch(value);

    /// <summary>The rule, for an error message.</summary>
    public static string DnsLabelRule(string got) =>
        $"must be 1–63 lowercase letters, digits or '-', starting with a letter and not ending with '-', got '{got}'";

    /// <summary>True for an RFC 1123 subdomain (dot-separated labels, at most 253 characters): storage classes and most object names.</summary>
    public static bool IsDnsSubdomain(string value) => value.Length <= 253 && DnsSubdomain().IsMatch(value);

    /// <summary>The rule, for an error message.</summary>
    public static string DnsSubdomainRule(string got) =>
        $"must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, got '{got}'";

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}

/// <summary>Rules for the labels (GCP) / tags (AWS) put on cloud resources.</summary>
public static partial class LabelRules
{
    internal static void Validate(IReadOnlyDictionary<string, string> labels, SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value) in labels)
        {
            // GCP's rules are the stricter of the two clouds, so one set of labels works on both.
            errors.Require(LabelKey().IsMatch(key), path[key], "label keys must be 1–63 lowercase letters, digits, '_' or '-', starting with a letter");
            errors.Require(LabelValue().IsMatch(value), path[key], $"label values must be ≤ 63 lowercase letters, digits, '_' or '-', got '{value}'");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex LabelKey();

    [GeneratedRegex("^[a-z0-9_-]{0,63}$")]
    private static partial Regex LabelValue();
}

/// <summary>
/// Kubernetes' own rules for object labels (kubernetes <c>staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go</c>:
/// <c>IsQualifiedName</c> for keys, <c>IsValidLabelValue</c> for values). The recommended
/// <c>app.kubernetes.io/</c> labels are this project's own and cannot be overridden.
/// </summary>
public static partial class KubernetesLabels
{
    internal static void Validate(IReadOnlyDictionary<string, string> labels, SettingsPath path, SettingsErrors errors)
    {
        foreach (var (key, value) in labels)
        {
            var slash = key.LastIndexOf('/');
            var prefix = slash < 0 ? null : key[..slash];
            var name = slash < 0 ? key : key[(slash + 1)..];
            errors.Require(name.Length <= 63 && Name().IsMatch(name) && (prefix is null || KubernetesNames.IsDnsSubdomain(prefix)), path[key],
                "label keys are an optional DNS-subdomain prefix and '/', then ≤ 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            errors.Require(prefix != RecommendedLabels.Prefix, path[key], "app.kubernetes.io/ labels are set by this project");
            errors.Require(value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value)), path[key],
                $"label values are empty or ≤ 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, got '{value}'");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex Name();
}
