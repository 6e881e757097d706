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
        return [.. Flatten(_schema.Value.Validate(document.ToJsonString())).Distinct()];
    }

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in child.Errors.SelectMany(e => Flatten(e.Value)))
                {
                    yield return nested;
                }

                continue;
            }

            var path = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
            yield return $"{path}: {error.Kind}" + (error.Property is null ? string.Empty : $" ({error.Property})");
        }
    }
}
