using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.PreviewPipeline;

/// <summary>
/// Tekton's CRD schemas accept unknown fields (the API server prunes them silently), so a misspelt
/// <c>securityContext</c> would pass validation and vanish in the cluster. This walks an object
/// against the CRD's structural schema and lists every field the schema does not define.
/// </summary>
internal static class CrdFields
{
    public static IReadOnlyList<string> Unknown(JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]!.GetValue<string>();
        var kind = manifest["kind"]!.GetValue<string>();
        var location = new KubernetesSchemas(TestSchemas.Folder).Locate(apiVersion, kind) ?? throw new InvalidOperationException($"no schema for {apiVersion} {kind}");
        var crd = YamlJson.Parse(File.ReadAllText(Path.Combine(TestSchemas.Folder, location.File)))!;
        var schema = crd["spec"]!["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == location.CrdVersion)!["schema"]!["openAPIV3Schema"]!.AsObject();
        var unknown = new List<string>();
        Walk(manifest, schema, string.Empty, unknown);
        return unknown;
    }

    private static void Walk(JsonNode? value, JsonObject schema, string path, List<string> unknown)
    {
        if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true && schema["properties"] is null)
        {
            return;
        }

        switch (value)
        {
            case JsonObject o when schema["properties"] is JsonObject properties:
                foreach (var (key, child) in o)
                {
                    if (properties[key] is JsonObject childSchema)
                    {
                        Walk(child, childSchema, $"{path}.{key}", unknown);
                    }
                    else if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
                    {
                        unknown.Add($"{path}.{key}");
                    }
                }

                break;
            case JsonObject o when schema["additionalProperties"] is JsonObject values:
                foreach (var (key, child) in o)
                {
                    Walk(child, values, $"{path}.{key}", unknown);
                }

                break;
            case JsonArray a when schema["items"] is JsonObject items:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], items, $"{path}[{i}]", unknown);
                }

                break;
        }
    }
}
