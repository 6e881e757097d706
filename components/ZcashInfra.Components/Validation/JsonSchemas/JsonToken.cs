using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>What kind of JSON value a node is.</summary>
internal enum TokenKind
{
    Null,
    Object,
    Array,
    String,

    /// <summary>A number written without a fraction or exponent.</summary>
    Integer,

    /// <summary>A number written with a fraction or exponent (<c>1.0</c> is not an integer).</summary>
    Float,
    Boolean,
}

/// <summary>Reading a <see cref="JsonNode"/> as the validator sees it: its kind and its text.</summary>
internal static class JsonToken
{
    /// <summary>
    /// The node's kind. A number is classed by how it is written in JSON (as the serialised
    /// document would be read): the text of a value held as a .NET number is what
    /// <see cref="JsonNode.ToJsonString"/> writes, so <c>2.0</c> held as a double is the integer <c>2</c>.
    /// </summary>
    public static TokenKind Kind(JsonNode? node) => node switch
    {
        null => TokenKind.Null,
        JsonObject => TokenKind.Object,
        JsonArray => TokenKind.Array,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => TokenKind.String,
            JsonValueKind.Number => NumberText(value).AsSpan().IndexOfAny(".eE") >= 0 ? TokenKind.Float : TokenKind.Integer,
            JsonValueKind.True or JsonValueKind.False => TokenKind.Boolean,
            JsonValueKind.Null => TokenKind.Null,
            var other => throw new InvalidDataException($"a JSON value of kind {other}"),
        },
        _ => throw new InvalidDataException($"a JSON node of type {node.GetType().Name}"),
    };

    /// <summary>A number's JSON text.</summary>
    public static string NumberText(JsonValue value) => value.ToJsonString();

    /// <summary>A string value's text.</summary>
    public static string String(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : JsonDocument.Parse(value.ToJsonString()).RootElement.GetString()!;

    /// <summary>A number's value, as a decimal where it fits.</summary>
    public static decimal? Decimal(JsonValue value) =>
        decimal.TryParse(NumberText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>A number's value as a double (for numbers beyond a decimal's range).</summary>
    public static double Double(JsonValue value) => double.Parse(NumberText(value), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// The text a value is compared by for <c>enum</c> and <c>uniqueItems</c>: a string's own
    /// text, a number's JSON text, <c>True</c>/<c>False</c>, empty for null, and the JSON of an
    /// object or array (as NJsonSchema compared <c>JToken.ToString()</c>).
    /// </summary>
    public static string Comparable(JsonNode? node) => Kind(node) switch
    {
        TokenKind.Null => string.Empty,
        TokenKind.String => String((JsonValue)node!),
        TokenKind.Integer or TokenKind.Float => NumberText((JsonValue)node!),
        TokenKind.Boolean => node!.GetValue<bool>() ? "True" : "False",
        _ => node!.ToJsonString(),
    };
}
