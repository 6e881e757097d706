using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>One compiled schema (a <c>$ref</c> is replaced by the schema it points to).</summary>
internal sealed class SchemaNode
{
    private bool? _nullable;

    public JsonTypes Types { get; set; }

    /// <summary>The declared properties, in the schema's order.</summary>
    public SchemaProperty[] Properties { get; set; } = [];

    /// <summary>The declared properties by name, for finding the undeclared ones.</summary>
    public Dictionary<string, SchemaNode> Declared { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Required names that <c>properties</c> does not declare.</summary>
    public string[] OtherRequired { get; set; } = [];

    /// <summary>False for <c>additionalProperties: false</c>.</summary>
    public bool AdditionalAllowed { get; set; } = true;

    /// <summary>The schema of undeclared properties (<c>additionalProperties: {…}</c>).</summary>
    public SchemaNode? Additional { get; set; }

    public (Regex Name, SchemaNode Schema)[] PatternProperties { get; set; } = [];

    public SchemaNode? Items { get; set; }

    public bool UniqueItems { get; set; }

    /// <summary>The allowed values (all strings in the schemas in use), or null.</summary>
    public string[]? Enum { get; set; }

    public StringFormat Format { get; set; }

    public Regex? Pattern { get; set; }

    public int? MinLength { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public SchemaNode[]? AnyOf { get; set; }

    public SchemaNode[]? OneOf { get; set; }

    /// <summary>
    /// Whether null passes without further checks: the type list names <c>null</c>, or a schema
    /// without a type has a nullable <c>oneOf</c> branch.
    /// </summary>
    public bool Nullable => _nullable ??= (Types & JsonTypes.Null) != 0
        || (Types == JsonTypes.None && OneOf is { } branches && branches.Any(b => b != this && b.Nullable));
}

/// <summary>A declared property.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Schema">Its schema.</param>
/// <param name="Required">Whether the object's <c>required</c> list names it.</param>
internal sealed record SchemaProperty(string Name, SchemaNode Schema, bool Required);
