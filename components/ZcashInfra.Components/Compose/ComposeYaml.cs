using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// A Compose document as YAML that every Compose reader reads the same. Besides what YAML 1.2
/// would read as another type, strings a YAML 1.1 reader would turn into a boolean (<c>no</c>,
/// <c>on</c>) or a base-60 number (<c>10001:10001</c>, <c>0:0</c>) are quoted: compose-spec
/// <c>05-services.md</c> (ports) asks for quoted <c>HOST:CONTAINER</c> values for exactly that reason.
/// Multi-line strings (config files) are literal blocks.
/// </summary>
internal static partial class ComposeYaml
{
    public static string Write(JsonObject document)
    {
        var stream = new YamlStream(new YamlDocument(Node(document)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode Node(JsonNode? node) => node switch
    {
        JsonObject o => new YamlMappingNode(o.Select(kv => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(kv.Key), Node(kv.Value)))),
        JsonArray a => new YamlSequenceNode(a.Select(Node)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Text(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => new YamlScalarNode(v.GetValue<bool>() ? "true" : "false"),
        JsonValue v => new YamlScalarNode(v.ToJsonString()),
        _ => throw new ArgumentException("a Compose document has no nulls"),
    };

    private static YamlScalarNode Text(string text)
    {
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            return new YamlScalarNode(text) { Style = ScalarStyle.Literal };
        }

        return new YamlScalarNode(text) { Style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

    private static bool NeedsQuotes(string text) => text.Length == 0 || NotAString().IsMatch(text);

    /// <summary>Numbers (base 10, 1.1's base 60 with colons), 1.1 and 1.2 booleans and nulls.</summary>
    [GeneratedRegex(@"^([-+]?[0-9][0-9_.:eE+-]*|\.[0-9].*|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$")]
    private static partial Regex NotAString();
}
