using NJsonSchema.Validation;

namespace ZcashInfra.Components.Validation;

/// <summary>NJsonSchema's error tree as flat <c>path: kind (property)</c> lines, one per leaf.</summary>
internal static class SchemaErrors
{
    /// <summary>
    /// The leaf errors: a <c>oneOf</c>/<c>anyOf</c> failure nests the reasons of each branch, which
    /// are what a reader needs, so the branches are walked instead of reporting the wrapper.
    /// </summary>
    public static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
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
