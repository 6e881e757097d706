using System.Text.Json;
using System.Text.Json.Nodes;
using Pulumi;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Infra.Configuration;

/// <summary>
/// Reads the stack's settings through Pulumi Config into the same records, with the same
/// validation and messages, that <c>stacks/</c> uses offline.
/// </summary>
public static class PulumiStackSettings
{
    /// <summary>
    /// The variable through which the Pulumi language host hands a program its configuration (a
    /// JSON object of <c>namespace:key</c> to value). The SDK offers no way to list keys, and
    /// unknown keys must be reported, so the key names are taken from here.
    /// </summary>
    public const string ConfigVariable = "PULUMI_CONFIG";

    /// <summary>Reads and validates the current stack's settings.</summary>
    public static SettingsResult Read()
    {
        var config = new Config(SettingsPath.Namespace);
        var values = ConfiguredKeys()
            .Select(key => KeyValuePair.Create(key, Parse(config.Get(key))))
            .ToList();
        return SettingsReader.Read(Deployment.Instance.StackName, values, SecretSource.Engine);
    }

    /// <summary>The keys of this project's namespace present in the stack's configuration.</summary>
    public static IEnumerable<string> ConfiguredKeys()
    {
        var raw = Environment.GetEnvironmentVariable(ConfigVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var prefix = SettingsPath.Namespace + ":";
        return JsonNode.Parse(raw)!.AsObject()
            .Select(kv => kv.Key)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .Select(k => k.StartsWith("config:", StringComparison.Ordinal) ? k["config:".Length..] : k)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Structured values arrive as JSON text; scalars as plain strings.</summary>
    private static JsonNode? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the text; validation will say what was expected.
            }
        }

        return JsonValue.Create(value);
    }
}
