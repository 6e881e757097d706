using System.Text.Json.Nodes;

namespace ZcashInfra.Stacks.Tests.Validation;

/// <summary>
/// Systematic breakages of a valid document, at evenly spread places: an unknown field, a missing
/// property, each value replaced by one of another type (numbers as strings and back, a fraction
/// where an integer belongs, an object where a list belongs, …), a string outside any enum, and a
/// list item with an unknown field.
/// </summary>
internal static class Mutations
{
    public static IEnumerable<(string Name, JsonObject Document)> Of(JsonObject original, int places)
    {
        var nodes = new List<(object[] Steps, JsonNode? Node)>();
        Walk(original, [], nodes);
        var stride = Math.Max(1, nodes.Count / places);
        for (var i = 0; i < nodes.Count; i += stride)
        {
            var (steps, node) = nodes[i];
            var at = string.Join("/", steps);
            if (steps.Length > 0)
            {
                foreach (var (label, replacement) in Replacements(node))
                {
                    yield return ($"{at} {label}", Set(original, steps, replacement));
                }
            }

            if (node is JsonObject o)
            {
                yield return ($"{at} unknown field", Change(original, steps, n => n!.AsObject()["zzUnknownField"] = "x"));
                foreach (var key in o.Select(kv => kv.Key).Take(3).ToList())
                {
                    yield return ($"{at} without {key}", Change(original, steps, n => n!.AsObject().Remove(key)));
                }
            }

            if (node is JsonArray { Count: > 0 } a && a[0] is JsonObject first)
            {
                var item = first.DeepClone().AsObject();
                item["zzUnknownField"] = 1;
                yield return ($"{at} item with an unknown field", Change(original, steps, n => n!.AsArray().Add(item.DeepClone())));
            }
        }
    }

    private static IEnumerable<(string, JsonNode?)> Replacements(JsonNode? node)
    {
        switch (node)
        {
            case null:
                yield return ("null as 1", 1);
                break;
            case JsonObject:
                yield return ("object as string", "text");
                yield return ("object as list", new JsonArray());
                break;
            case JsonArray:
                yield return ("list as object", new JsonObject { ["a"] = 1 });
                yield return ("list as string", "text");
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                yield return ("string as integer", 12345);
                yield return ("string outside any enum", "~not-a-listed-value~");
                yield return ("string as boolean", true);
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                yield return ("number as string", value.ToJsonString());
                yield return ("number as fraction", 1.5);
                yield return ("number below zero", -7);
                break;
            default:
                yield return ("boolean as string", "yes");
                yield return ("boolean as integer", 0);
                break;
        }
    }

    private static void Walk(JsonNode? node, object[] steps, List<(object[], JsonNode?)> into)
    {
        into.Add((steps, node));
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    Walk(child, [.. steps, key], into);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], [.. steps, i], into);
                }

                break;
        }
    }

    private static JsonObject Set(JsonObject original, object[] steps, JsonNode? value)
    {
        var copy = original.DeepClone().AsObject();
        var parent = Navigate(copy, steps[..^1]);
        switch (steps[^1])
        {
            case string key:
                parent!.AsObject()[key] = value?.DeepClone();
                break;
            case int index:
                parent!.AsArray()[index] = value?.DeepClone();
                break;
        }

        return copy;
    }

    private static JsonObject Change(JsonObject original, object[] steps, Action<JsonNode?> change)
    {
        var copy = original.DeepClone().AsObject();
        change(Navigate(copy, steps));
        return copy;
    }

    private static JsonNode? Navigate(JsonNode? node, IEnumerable<object> steps) =>
        steps.Aggregate(node, (n, s) => s is string key ? n![key] : n![(int)s]);
}
