using System.Text;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>
/// A schema's <c>pattern</c> as the API server reads it. JSON Schema patterns are ECMA-262 regular
/// expressions and the API server evaluates them with Go's RE2 (kubernetes/apiextensions-apiserver,
/// via go-openapi's validate); in both, <c>$</c> outside multiline mode matches only at the very
/// end. .NET's <c>$</c> also matches before a final newline, so <c>"30s\n"</c> would pass
/// <c>^[0-9]+s$</c> here and fail at admission: every such <c>$</c> becomes <c>\z</c>. Patterns stay
/// unanchored otherwise, as the standard says.
/// </summary>
internal static class SchemaPattern
{
    public static Regex Compile(string pattern) => new(EndAnchored(pattern), RegexOptions.CultureInvariant);

    /// <summary>The pattern with each unescaped <c>$</c> outside a character class replaced by <c>\z</c>.</summary>
    public static string EndAnchored(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;

                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                result.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append(pattern[++i]);
                }

                continue;
            }
            else if (c == '$')
            {
                result.Append("\\z");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
