using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// Every field a closed object schema does not declare, at any depth. A decoder that disallows
/// unknown fields (Go's <c>encoding/json</c> <c>Decoder.DisallowUnknownFields</c>, which knative's
/// admission webhooks use for Tekton, tektoncd/pipeline <c>cmd/webhook/main.go</c>) rejects such a
/// field inside list items too; <see cref="SchemaValidator"/> folds the errors of an item of a list
/// that may be null into one <see cref="SchemaErrorKind.NoTypeValidates"/> at the list, which names no field.
/// </summary>
internal static class UndeclaredFields
{
    public static void Find(JsonNode? value, SchemaNode schema, ErrorPath path, List<string> into)
    {
        switch (value)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (schema.Declared.TryGetValue(name, out var declared))
                    {
                        Find(child, declared, path.Property(name), into);
                    }
                    else if ((Array.Find(schema.PatternProperties, p => p.Name.IsMatch(name)).Schema ?? schema.Additional) is { } open)
                    {
                        Find(child, open, path.Property(name).Restart(), into);
                    }
                    else if (!schema.AdditionalAllowed)
                    {
                        into.Add(path.Property(name).Text());
                    }
                }

                break;
            case JsonArray a when schema.Items is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    Find(a[i], items, path.Item(i), into);
                }

                break;
        }
    }
}
