using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ZcashInfra.Components.Yaml;

/// <summary>
/// YAML ⇄ JSON trees that keep scalar types: an unquoted <c>3</c> becomes a JSON number and an
/// unquoted <c>true</c> a boolean, while <c>"3"</c> stays a string (YamlDotNet's untyped
/// deserialization turns everything into strings, which strict schemas then reject).
/// </summary>
public static class YamlJson
{
    /// <summary>Parses every document of a YAML stream.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="mapping">Optional hook: returns a replacement node for a mapping, or null to convert it normally.</param>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml, Func<YamlMappingNode, JsonNode?>? mapping = null)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode, mapping))];
    }

    /// <summary>Parses a single-document YAML text.</summary>
    public static JsonNode? Parse(string yaml, Func<YamlMappingNode, JsonNode?>? mapping = null)
    {
        var docs = ParseAll(yaml, mapping);
        return docs.Count switch
        {
            0 => null,
            1 => docs[0],
            _ => throw new YamlException($"expected one YAML document, found {docs.Count}"),
        };
    }

    /// <summary>Converts a YAML node to JSON, resolving plain scalars by the YAML 1.2 core schema.</summary>
    public static JsonNode? ToJson(YamlNode node, Func<YamlMappingNode, JsonNode?>? mapping = null) => node switch
    {
        YamlMappingNode m => mapping?.Invoke(m) ?? new JsonObject(m.Children.Select(kv =>
            KeyValuePair.Create(KeyText(kv.Key), ToJson(kv.Value, mapping)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(c => ToJson(c, mapping))]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };

    /// <summary>Writes a JSON tree as one YAML document (block style, key order kept).</summary>
    public static string ToYaml(JsonNode? node)
    {
        var stream = new YamlStream(new YamlDocument(FromJson(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();

        // YamlStream ends every document with "...": drop it, a render is one document per file or "---"-joined.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static string KeyText(YamlNode key) =>
        key is YamlScalarNode s ? s.Value ?? string.Empty : throw new YamlException(key.Start, key.End, "mapping keys must be scalars");

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    private static bool LooksLikeFloat(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');

    private static YamlNode FromJson(JsonNode? node) => node switch
    {
        null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        JsonObject o => new YamlMappingNode(o.Select(kv =>
            new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(kv.Key), FromJson(kv.Value)))),
        JsonArray a => new YamlSequenceNode(a.Select(FromJson)),
        JsonValue v => FromJsonScalar(v),
        _ => throw new ArgumentException($"unsupported JSON node {node.GetType().Name}"),
    };

    private static YamlScalarNode FromJsonScalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                var s = value.GetValue<string>();
                if (s.Contains('\n', StringComparison.Ordinal))
                {
                    return new YamlScalarNode(s) { Style = ScalarStyle.Literal };
                }

                // A string that would read back as another type (or not at all) is quoted.
                var plain = Scalar(new YamlScalarNode(s) { Style = ScalarStyle.Plain });
                var needsQuotes = plain is not JsonValue pv || pv.GetValueKind() != System.Text.Json.JsonValueKind.String || s.Length == 0;
                return new YamlScalarNode(s) { Style = needsQuotes ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
            case System.Text.Json.JsonValueKind.True:
                return new YamlScalarNode("true") { Style = ScalarStyle.Plain };
            case System.Text.Json.JsonValueKind.False:
                return new YamlScalarNode("false") { Style = ScalarStyle.Plain };
            default:
                return new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain };
        }
    }
}
