using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Yaml;

namespace ZcashInfra.Stacks.Loading;

/// <summary>
/// Reads <c>Pulumi.&lt;stack&gt;.yaml</c> offline: the <c>config:</c> section's <c>zcash-infra:</c>
/// keys, with <c>secure:</c> values carried as <see cref="Secret"/>s (never decrypted here).
/// </summary>
public static class StackConfigFile
{
    /// <summary>Configuration namespaces of other packages that may appear beside ours.</summary>
    private static readonly HashSet<string> ForeignNamespaces = new(StringComparer.Ordinal) { "pulumi", "gcp", "aws", "kubernetes" };

    /// <summary>The file name Pulumi uses for a stack's configuration.</summary>
    public static string FileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>Loads and validates the settings of a stack from the project directory.</summary>
    public static SettingsResult Load(string projectDirectory, string stack)
    {
        var file = Path.Combine(projectDirectory, FileName(stack));
        if (!File.Exists(file))
        {
            return new SettingsResult(stack, null, [$"{FileName(stack)}: no such file in {Path.GetFullPath(projectDirectory)} (is '{stack}' a stack of this project?)"]);
        }

        return Parse(stack, File.ReadAllText(file), FileName(stack));
    }

    /// <summary>Parses and validates stack configuration text.</summary>
    public static SettingsResult Parse(string stack, string yaml, string fileName)
    {
        JsonNode? document;
        try
        {
            document = YamlJson.Parse(yaml, SecureValue);
        }
        catch (YamlException e)
        {
            return new SettingsResult(stack, null, [$"{fileName}: not valid YAML at line {e.Start.Line}: {e.Message}"]);
        }

        if (document is not JsonObject root)
        {
            return new SettingsResult(stack, null, [$"{fileName}: expected a mapping with a config: section"]);
        }

        var keys = new List<KeyValuePair<string, JsonNode?>>();
        var errors = new List<string>();
        if (root["config"] is JsonObject config)
        {
            foreach (var (fullKey, value) in config)
            {
                var colon = fullKey.IndexOf(':', StringComparison.Ordinal);
                var ns = colon < 0 ? Settings.SettingsPath.Namespace : fullKey[..colon];
                var key = colon < 0 ? fullKey : fullKey[(colon + 1)..];
                if (ns == Settings.SettingsPath.Namespace)
                {
                    keys.Add(KeyValuePair.Create(key, value is null ? null : InputTree.Copy(value, fullKey)));
                }
                else if (!ForeignNamespaces.Contains(ns))
                {
                    errors.Add($"{fullKey}: unknown configuration namespace '{ns}' (this project's is '{Settings.SettingsPath.Namespace}')");
                }
            }
        }
        else if (root["config"] is not null)
        {
            errors.Add($"{fileName}: config: must be a mapping");
        }

        var result = SettingsReader.Read(stack, keys, SecretSource.Ciphertext);
        return errors.Count == 0 ? result : result with { Settings = null, Errors = [.. errors, .. result.Errors] };
    }

    private static JsonNode? SecureValue(YamlMappingNode mapping) =>
        mapping.Children.Count == 1 && mapping.Children.Keys.Single() is YamlScalarNode { Value: "secure" }
            && mapping.Children.Values.Single() is YamlScalarNode { Value: { } ciphertext }
            ? InputTree.Leaf(Secret.FromCiphertext(ciphertext))
            : null;
}
