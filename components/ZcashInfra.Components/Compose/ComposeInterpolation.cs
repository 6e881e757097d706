using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// Compose substitutes <c>$VAR</c> and <c>${VAR}</c> in every string of the file, inline config
/// content included, and reads <c>$$</c> as a literal <c>$</c> (compose-spec/compose-spec
/// <c>12-interpolation.md</c>). Nothing this render writes is meant to be substituted (secrets
/// come through <c>secrets:</c>, not interpolation), so every <c>$</c> is escaped.
/// </summary>
internal static class ComposeInterpolation
{
    /// <summary>Escapes every <c>$</c> in the strings of <paramref name="node"/>, in place; returns it.</summary>
    public static JsonNode? Escape(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    if (Escaped(o[key]) is { } text)
                    {
                        o[key] = text;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Escaped(a[i]) is { } text)
                    {
                        a[i] = text;
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>The escaped text of a string value (recursing into containers, which are changed in place), or null.</summary>
    private static string? Escaped(JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return v.GetValue<string>().Replace("$", "$$", StringComparison.Ordinal);
        }

        Escape(node);
        return null;
    }
}
