using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// Validates a Compose document against the Compose Specification's JSON schema (draft-07,
/// compose-spec/compose-spec <c>schema/compose-spec.json</c>) in the offline schema folder
/// (<see cref="Validation.SchemaLocator"/> finds it).
/// </summary>
public sealed class ComposeSchema(string schemaFolder)
{
    /// <summary>The schema file, relative to the schema folder.</summary>
    public const string File = "compose/compose-spec.json";

    private readonly Lazy<JsonSchema> _schema = new(() =>
        JsonSchema.FromJsonAsync(System.IO.File.ReadAllText(Path.Combine(schemaFolder, File))).GetAwaiter().GetResult());

    /// <summary>Every violation as <c>path: problem</c>; empty when the document is valid.</summary>
    public IReadOnlyList<string> Validate(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. Validation.SchemaErrors.Flatten(_schema.Value.Validate(document.ToJsonString())).Distinct()];
    }
}
