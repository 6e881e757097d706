using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ZcashInfra.Stacks.Tests.Validation;

/// <summary>
/// The validator <c>validate</c> used before the in-repo one: NJsonSchema 10 on the serialised
/// object, its error tree flattened to <c>path: Kind (property)</c> leaves as the old
/// <c>SchemaErrors.Flatten</c> did. Kept here only to compare against.
/// </summary>
internal static class NJsonSchemaReference
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Validate(string schemaText, string json)
    {
        var schema = Schemas.GetOrAdd(schemaText, text => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult());
        return [.. Flatten(schema.Validate(json)).Distinct()];
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
