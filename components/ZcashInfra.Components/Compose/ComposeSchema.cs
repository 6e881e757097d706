using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation.JsonSchemas;

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

    private readonly Lazy<CompiledSchema> _schema = new(() =>
        CompiledSchema.Parse(System.IO.File.ReadAllText(Path.Combine(schemaFolder, File)), Path.Combine(schemaFolder, File)));

    /// <summary>Every violation as <c>path: problem</c>; empty when the document is valid.</summary>
    public IReadOnlyList<string> Validate(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. _schema.Value.Validate(document).Select(e => e.ToString()).Distinct()];
    }
}
