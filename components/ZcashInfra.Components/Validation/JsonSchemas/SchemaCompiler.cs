using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// Compiles a JSON schema document into <see cref="SchemaNode"/>s once, so that validating a value
/// only walks the value. Every keyword is read or named in <see cref="SchemaKeywords"/>; anything
/// else fails the load with the keyword and its place in the schema.
/// </summary>
internal sealed class SchemaCompiler
{
    private const string Definitions = "#/definitions/";

    private readonly JsonElement _root;
    private readonly string _source;
    private readonly Dictionary<string, SchemaNode> _references = new(StringComparer.Ordinal);

    private SchemaCompiler(JsonElement root, string source)
    {
        _root = root;
        _source = source;
    }

    /// <summary>The compiled schema at <paramref name="root"/>; <paramref name="source"/> names it in errors.</summary>
    public static SchemaNode Compile(JsonElement root, string source) => new SchemaCompiler(root, source).Node(root, "#");

    private SchemaNode Node(JsonElement schema, string at)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Unsupported(at, $"a schema written as {schema.ValueKind} (only objects, and booleans for additionalProperties)");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            // NJsonSchema and draft-07 use the referenced schema alone; a validating sibling would be ignored, so refuse it.
            foreach (var keyword in schema.EnumerateObject().Where(k => k.Name != "$ref" && !SchemaKeywords.NotValidating.Contains(k.Name)))
            {
                throw Unsupported(at, $"\"{keyword.Name}\" beside \"$ref\"");
            }

            return Reference(reference.GetString() ?? string.Empty, at);
        }

        var node = new SchemaNode();
        Fill(node, schema, at);
        return node;
    }

    /// <summary>A <c>$ref</c> to <c>#/definitions/NAME</c> (the only form in the schemas in use), compiled once.</summary>
    private SchemaNode Reference(string target, string at)
    {
        if (_references.TryGetValue(target, out var known))
        {
            return known;
        }

        var name = target.StartsWith(Definitions, StringComparison.Ordinal) ? target[Definitions.Length..] : null;
        if (name is null || name.AsSpan().IndexOfAny('/', '~') >= 0)
        {
            throw Unsupported(at, $"\"$ref\": \"{target}\" (only #/definitions/NAME)");
        }

        if (!_root.TryGetProperty("definitions", out var definitions) || !definitions.TryGetProperty(name, out var definition))
        {
            throw new InvalidDataException($"{_source}: {at}: \"$ref\": \"{target}\" points to nothing");
        }

        if (definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("$ref", out _))
        {
            return _references[target] = Node(definition, target);
        }

        // Registered before it is filled, so a definition that refers to itself ends.
        var node = new SchemaNode();
        _references[target] = node;
        Fill(node, definition, target);
        return node;
    }

    private void Fill(SchemaNode node, JsonElement schema, string at)
    {
        JsonElement? properties = null;
        string[] required = [];
        var intOrString = false;
        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            var inner = $"{at}/{keyword.Name}";
            switch (keyword.Name)
            {
                case "type":
                    node.Types = Types(value, inner);
                    break;
                case "properties":
                    properties = Expect(value, JsonValueKind.Object, inner);
                    break;
                case "required":
                    required = [.. Expect(value, JsonValueKind.Array, inner).EnumerateArray().Select(r => Text(r, inner))];
                    break;
                case "additionalProperties":
                    switch (value.ValueKind)
                    {
                        case JsonValueKind.False:
                            node.AdditionalAllowed = false;
                            break;
                        case JsonValueKind.True:
                            break;
                        default:
                            node.Additional = Node(value, inner);
                            break;
                    }

                    break;
                case "patternProperties":
                    node.PatternProperties = [.. Expect(value, JsonValueKind.Object, inner).EnumerateObject()
                        .Select(p => (SchemaPattern.Compile(p.Name), Node(p.Value, $"{inner}/{p.Name}")))];
                    break;
                case "items":
                    node.Items = Node(value, inner);
                    break;
                case "uniqueItems":
                    node.UniqueItems = Boolean(value, inner);
                    break;
                case "enum":
                    var allowed = Expect(value, JsonValueKind.Array, inner).EnumerateArray().Select(v => Text(v, inner)).ToArray();
                    node.Enum = allowed.Length == 0 ? null : allowed;
                    break;
                case "format":
                    node.Format = StringFormats.Parse(Text(value, inner)) ?? throw Unsupported(inner, $"the format \"{value.GetString()}\"");
                    break;
                case "pattern":
                    node.Pattern = SchemaPattern.Compile(Text(value, inner));
                    break;
                case "minLength":
                    node.MinLength = Expect(value, JsonValueKind.Number, inner).GetInt32();
                    break;
                case "minimum":
                    node.Minimum = Expect(value, JsonValueKind.Number, inner).GetDecimal();
                    break;
                case "maximum":
                    node.Maximum = Expect(value, JsonValueKind.Number, inner).GetDecimal();
                    break;
                case "anyOf":
                    node.AnyOf = Branches(value, inner);
                    break;
                case "oneOf":
                    node.OneOf = Branches(value, inner);
                    break;
                case "definitions":
                    // Compiled where a $ref points to them.
                    break;
                case "x-kubernetes-int-or-string":
                    intOrString = Boolean(value, inner);
                    break;
                default:
                    if (!SchemaKeywords.NotValidating.Contains(keyword.Name))
                    {
                        throw Unsupported(inner, $"the keyword \"{keyword.Name}\"");
                    }

                    break;
            }
        }

        if (properties is { } declared)
        {
            var names = new HashSet<string>(required, StringComparer.Ordinal);
            node.Properties = [.. declared.EnumerateObject().Select(p => new SchemaProperty(p.Name, Node(p.Value, $"{at}/properties/{p.Name}"), names.Contains(p.Name)))];
            node.Declared = node.Properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal);
        }

        node.OtherRequired = [.. required.Where(r => !node.Declared.ContainsKey(r))];

        // The API server reads x-kubernetes-int-or-string as type [integer, string]
        // (kubernetes/apiextensions-apiserver pkg/apiserver/validation/validation.go,
        // ConvertJSONSchemaPropsWithPostProcess). Where the CRD also spells it as anyOf, the anyOf
        // checks the same and its errors are the ones reported.
        if (intOrString && node.AnyOf is null && node.OneOf is null)
        {
            node.Types = JsonTypes.Integer | JsonTypes.String;
        }
    }

    private SchemaNode[] Branches(JsonElement value, string at) =>
        [.. Expect(value, JsonValueKind.Array, at).EnumerateArray().Select((b, i) => Node(b, $"{at}/{i.ToString(CultureInfo.InvariantCulture)}"))];

    private JsonTypes Types(JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Aggregate(JsonTypes.None, (all, t) => all | Type(Text(t, at), at));
        }

        return Type(Text(value, at), at);
    }

    private JsonTypes Type(string name, string at) => name switch
    {
        "array" => JsonTypes.Array,
        "boolean" => JsonTypes.Boolean,
        "integer" => JsonTypes.Integer,
        "null" => JsonTypes.Null,
        "number" => JsonTypes.Number,
        "object" => JsonTypes.Object,
        "string" => JsonTypes.String,
        _ => throw Unsupported(at, $"the type \"{name}\""),
    };

    private JsonElement Expect(JsonElement value, JsonValueKind kind, string at) =>
        value.ValueKind == kind ? value : throw Unsupported(at, $"a {value.ValueKind} where a {kind} belongs");

    private string Text(JsonElement value, string at) => Expect(value, JsonValueKind.String, at).GetString()!;

    private bool Boolean(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Unsupported(at, $"a {value.ValueKind} where a boolean belongs"),
    };

    private InvalidDataException Unsupported(string at, string what) =>
        new($"{_source}: {at}: {what} is not supported by the schema validator (components/ZcashInfra.Components/Validation/JsonSchemas); support it there before using this schema");
}
