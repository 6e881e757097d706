using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Graph;

/// <summary>
/// Helpers over input trees: JSON objects whose leaves are plain JSON values or <see cref="Secret"/>s.
/// </summary>
public static class InputTree
{
    /// <summary>A secret leaf.</summary>
    public static JsonNode Leaf(Secret secret) => JsonValue.Create(secret)!;

    /// <summary>The secret a leaf holds, if it holds one.</summary>
    public static Secret? AsSecret(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<Secret>(out var s) ? s : null;

    /// <summary>
    /// A deep copy that keeps secret leaves as they are (JsonNode.DeepClone would
    /// serialize them) and rejects any other non-JSON leaf, naming where it is.
    /// </summary>
    public static JsonNode? Copy(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonObject o => CopyObject(o, where),
        JsonArray a => new JsonArray([.. a.Select((item, i) => Copy(item, $"{where}[{i}]"))]),
        JsonValue v => CopyValue(v, where),
        _ => throw new GraphException($"{where}: unsupported input node {node.GetType().Name}"),
    };

    /// <summary>Deep copy of an object (see <see cref="Copy"/>).</summary>
    public static JsonObject CopyObject(JsonObject source, string where)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            copy[key] = Copy(value, $"{where}.{key}");
        }

        return copy;
    }

    /// <summary>Every leaf with its dotted path, depth first, in document order.</summary>
    public static IEnumerable<(string Path, JsonNode? Leaf)> Leaves(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var leaf in Leaves(value, path.Length == 0 ? key : $"{path}.{key}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Leaves(a[i], $"{path}[{i}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return (path, node);
                break;
        }
    }

    /// <summary>
    /// Plain JSON for renders and schema checks: secrets become <c>[secret]</c>. Key order is kept, so the same graph renders the same bytes.
    /// </summary>
    public static JsonNode? ToPlainJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, ToPlainJson(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(ToPlainJson)]),
        JsonValue v when AsSecret(v) is not null => JsonValue.Create(Secret.Mask),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => throw new GraphException($"unsupported input node {node.GetType().Name}"),
    };

    private static JsonNode CopyValue(JsonValue value, string where)
    {
        if (AsSecret(value) is { } secret)
        {
            return Leaf(secret);
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null
                => JsonNode.Parse(value.ToJsonString())!,
            var kind => throw new GraphException($"{where}: unsupported input value of kind {kind}"),
        };
    }
}
