using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// Checks cloud resources against the provider indexes in the schema folder (type tokens and input
/// property names, kinds and required inputs, extracted from the providers' generated SDKs): an
/// unknown input at any depth, a missing required input or a wrong scalar kind is what would
/// otherwise fail a <c>pulumi up</c> for the user.
/// </summary>
public sealed class ProviderIndex(string schemaFolder)
{
    private static readonly ConcurrentDictionary<string, JsonObject> Cache = new(StringComparer.Ordinal);

    /// <summary>Configuration keys accepted by the provider resources this project registers.</summary>
    private static readonly Dictionary<string, HashSet<string>> ProviderConfig = new(StringComparer.Ordinal)
    {
        ["gcp"] = ["project", "region", "zone", "defaultLabels"],
        ["aws"] = ["region", "allowedAccountIds", "defaultTags"],
        ["kubernetes"] = ["kubeconfig", "context", "namespace", "enableServerSideApply", "deleteUnreachable"],
    };

    /// <summary>The index file of a cloud package, pinned to the plugin version in use.</summary>
    public static string? IndexFile(string package) => package switch
    {
        "gcp" => $"pulumi/gcp-v{ProviderPins.Gcp}.json",
        "aws" => $"pulumi/aws-v{ProviderPins.Aws}.json",
        _ => null,
    };

    /// <summary>Checks one node; Kubernetes objects are left to <see cref="KubernetesSchemas"/>.</summary>
    public IReadOnlyList<string> Validate(GraphNode node)
    {
        if (TypeTokens.IsProvider(node.Type))
        {
            return ProviderConfig.TryGetValue(node.Package, out var keys)
                ? [.. node.Inputs.Select(kv => kv.Key).Where(k => !keys.Contains(k)).Select(k => $"{k}: not a {node.Package} provider setting")]
                : [$"no provider configuration is known for package '{node.Package}'"];
        }

        if (IndexFile(node.Package) is not { } relative)
        {
            return [$"no provider index for package '{node.Package}'"];
        }

        var index = Cache.GetOrAdd(Path.GetFullPath(Path.Combine(schemaFolder, relative)), f =>
            File.Exists(f) ? JsonNode.Parse(File.ReadAllText(f))!.AsObject()
                : throw new SchemasNotFoundException($"{f}: provider index missing; the schema folder must match the pinned {node.Package} version (after a pin bump: scripts/update-provider-indexes.sh)"));
        if (index["resources"]?[node.Type] is not JsonObject resource)
        {
            return [$"'{node.Type}' is not a resource type of {node.Package} {relative}"];
        }

        var problems = new List<string>();
        CheckObject(node.Inputs, resource, index["types"]!.AsObject(), string.Empty, problems);
        return problems;
    }

    private static void CheckObject(JsonObject inputs, JsonObject shape, JsonObject types, string path, List<string> problems)
    {
        var known = shape["inputs"]!.AsObject();
        foreach (var (name, value) in inputs)
        {
            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (!known.TryGetPropertyValue(name, out var kind))
            {
                problems.Add($"{at}: unknown input (known: {string.Join(", ", known.Select(k => k.Key))})");
                continue;
            }

            CheckValue(value, kind!, types, at, problems);
        }

        foreach (var required in shape["required"]!.AsArray().Select(r => r!.GetValue<string>()))
        {
            if (inputs[required] is null)
            {
                problems.Add($"{(path.Length == 0 ? required : $"{path}.{required}")}: required input is missing");
            }
        }
    }

    private static void CheckValue(JsonNode? value, JsonNode kind, JsonObject types, string path, List<string> problems)
    {
        if (value is null || InputTree.AsSecret(value) is not null)
        {
            // Secrets and outputs are strings or values whose kind only the engine sees.
            return;
        }

        switch (kind)
        {
            case JsonValue scalar:
                var expected = scalar.GetValue<string>();
                var actual = value switch
                {
                    JsonObject => "object",
                    JsonArray => "list",
                    JsonValue v => v.GetValueKind() switch
                    {
                        JsonValueKind.String => "string",
                        JsonValueKind.True or JsonValueKind.False => "bool",
                        JsonValueKind.Number => v.TryGetValue<long>(out _) ? "int" : "double",
                        var k => k.ToString(),
                    },
                    _ => "unknown",
                };
                var ok = expected switch
                {
                    "any" => true,
                    "object" => actual == "object",
                    "double" => actual is "int" or "double",
                    _ => actual == expected,
                };
                if (!ok)
                {
                    problems.Add($"{path}: must be {expected}, got {actual}");
                }

                break;
            case JsonObject { Count: 1 } composite when composite["list"] is { } element:
                if (value is not JsonArray list)
                {
                    problems.Add($"{path}: must be a list");
                    break;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    CheckValue(list[i], element, types, $"{path}[{i}]", problems);
                }

                break;
            case JsonObject { Count: 1 } composite when composite["map"] is { } element:
                if (value is not JsonObject map)
                {
                    problems.Add($"{path}: must be a map");
                    break;
                }

                foreach (var (key, item) in map)
                {
                    CheckValue(item, element, types, $"{path}.{key}", problems);
                }

                break;
            case JsonObject { Count: 1 } composite when composite["type"] is JsonValue typeName:
                if (value is not JsonObject nested)
                {
                    problems.Add($"{path}: must be an object ({typeName})");
                    break;
                }

                if (types[typeName.GetValue<string>()] is JsonObject nestedShape)
                {
                    CheckObject(nested, nestedShape, types, path, problems);
                }
                else
                {
                    problems.Add($"{path}: the index has no type {typeName}");
                }

                break;
            default:
                problems.Add($"{path}: unreadable kind {kind.ToJsonString()} in the index");
                break;
        }
    }
}
