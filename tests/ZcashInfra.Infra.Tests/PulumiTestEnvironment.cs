using System.Text.Json.Nodes;
using Pulumi.Testing;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Infra.Configuration;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Infra.Tests;

/// <summary>
/// Sets up the configuration the way the Pulumi language host does (PULUMI_CONFIG and
/// PULUMI_CONFIG_SECRET_KEYS), from a stack file or from literal values.
/// </summary>
internal static class PulumiTestEnvironment
{
    public const string Project = "zcash-infra";

    public static TestOptions Options(string stack) => new() { StackName = stack, ProjectName = Project, IsPreview = false };

    /// <summary>The stack file's zcash-infra keys as the engine passes them: scalars as text, structures as JSON.</summary>
    public static void UseStackFile(string stack)
    {
        var yaml = File.ReadAllText(RepoPaths.At($"Pulumi.{stack}.yaml"));
        var config = YamlJson.Parse(yaml)!["config"]!.AsObject();
        Use(config.ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    /// <summary>Sets the configuration; values that are secrets are given decrypted and listed as secret keys.</summary>
    public static void Use(IReadOnlyDictionary<string, JsonNode?> fullKeys, params string[] secretKeys)
    {
        var config = new JsonObject();
        foreach (var (key, value) in fullKeys)
        {
            config[key] = value switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                null => null,
                _ => value.ToJsonString(),
            };
        }

        Environment.SetEnvironmentVariable(PulumiStackSettings.ConfigVariable, config.ToJsonString());
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", new JsonArray([.. secretKeys.Select(k => JsonValue.Create(k))]).ToJsonString());
    }

    public static void Clear()
    {
        Environment.SetEnvironmentVariable(PulumiStackSettings.ConfigVariable, null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }

    public static bool IsSecretLeaf(JsonNode? node) => InputTree.AsSecret(node) is not null;
}

/// <summary>Pulumi's test harness uses process-wide state: these tests never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PulumiCollection
{
    public const string Name = "pulumi";
}
