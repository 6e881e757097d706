using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// A JSON schema compiled once from its text, that checks <see cref="JsonNode"/> values directly.
/// It implements the keywords the project's schemas use (<see cref="SchemaKeywords"/>) and fails to
/// load a schema with any other.
/// </summary>
public sealed class CompiledSchema
{
    private readonly SchemaNode _root;

    private CompiledSchema(SchemaNode root) => _root = root;

    /// <summary>Compiles a schema document.</summary>
    /// <param name="json">The schema's JSON text.</param>
    /// <param name="source">What to call it in errors (its file).</param>
    /// <exception cref="InvalidDataException">The schema uses a keyword or form the validator does not implement.</exception>
    public static CompiledSchema Parse(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        return new(SchemaCompiler.Compile(document.RootElement, source));
    }

    /// <summary>
    /// The schema of a part of the value, by a path of <c>properties/NAME</c>, <c>items</c> and
    /// <c>additionalProperties</c> steps (<c>/properties/spec/properties/template</c>).
    /// </summary>
    public CompiledSchema At(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var node = _root;
        var steps = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < steps.Length; i++)
        {
            var name = steps[i] == "properties" && i + 1 < steps.Length ? steps[++i] : null;
            node = (name, steps[i]) switch
            {
                ({ } property, _) => Array.Find(node.Properties, p => p.Name == property)?.Schema,
                (null, "items") => node.Items,
                (null, "additionalProperties") => node.Additional,
                _ => null,
            } ?? throw new ArgumentException($"the schema has nothing at {pointer}", nameof(pointer));
        }

        return new(node);
    }

    /// <summary>Every violation, in the order found.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonNode? value)
    {
        var errors = new List<SchemaError>();
        SchemaValidator.Validate(value, _root, null, ErrorPath.Root, errors);
        return errors;
    }

    /// <summary>
    /// The paths (<c>#/a.b[0].c</c>) of every field that a closed object schema, at any depth, does
    /// not declare (see <see cref="UndeclaredFields"/>).
    /// </summary>
    public IReadOnlyList<string> Undeclared(JsonNode? value)
    {
        var found = new List<string>();
        UndeclaredFields.Find(value, _root, ErrorPath.Root, found);
        return found;
    }
}
