using System.Text.RegularExpressions;

namespace ZcashInfra.Stacks.Tests.Docs;

/// <summary>
/// A record's default as users would write it. <paramref name="Text"/> is the literal (a number, a
/// string, true/false, an enum value); null for an empty collection (<paramref name="Empty"/>) or an
/// object whose own keys are listed below it.
/// </summary>
internal sealed record Literal(bool Empty, string? Text);

/// <summary>
/// One key of docs/configuration.md. The default cell comes from one place each: the record's
/// literal initializer when there is one, else the key's XML doc sentence <c>Default: …</c> (a
/// default the program computes), else <c>*required*</c> (the property is <c>required</c>, or a
/// <c>Required …</c> sentence names when), else — (the key stays unset). The description is the XML
/// doc without the sentence the default cell shows.
/// </summary>
internal sealed partial record Row(string Key, string Type, string Default, string Description, bool Required, Literal? Literal, string? DocDefault)
{
    /// <summary>What "no default" looks like in the default column.</summary>
    public const string None = "—";

    public static Row Of(string key, string type, bool required, Literal? literal, string summary)
    {
        var description = summary;
        var docDefault = Take(DefaultSentence(), ref description);
        // A "Required …" sentence is shown as the default only where nothing else fills the cell.
        var condition = required || (literal?.Text is null && docDefault is null) ? Take(RequiredSentence(), ref description) : null;
        var cell = required ? "*required*"
            : literal is { Text: { } text } ? "`" + text + "`" + (Agrees(text, docDefault) ? Unquote(docDefault!)[text.Length..] : string.Empty)
            : docDefault is { } stated ? (stated.Equals("none", StringComparison.OrdinalIgnoreCase) ? None : stated)
            : condition is not null ? "*required* " + condition.TrimStart(':', ' ')
            : literal is { Empty: true } ? "empty"
            : literal is not null ? "see below"
            : None;
        if (required && condition is not null && condition.Length > 0)
        {
            // "Required: <why>" keeps its reason in the description.
            description = (description + " " + Capitalized(condition.TrimStart(':', ' ')) + ".").Trim();
        }

        return new Row(key, type, cell.Trim(), description, required, literal, docDefault);
    }

    /// <summary>True when the XML doc's default starts with the record's literal (or states none).</summary>
    public static bool Agrees(string literal, string? docDefault)
    {
        if (docDefault is null)
        {
            return false;
        }

        var stated = Unquote(docDefault);
        return stated.StartsWith(literal, StringComparison.Ordinal)
            && (stated.Length == literal.Length || !char.IsLetterOrDigit(stated[literal.Length]));
    }

    /// <summary>The doc's default without the backticks around its leading value (<c>`zcash`</c> → zcash).</summary>
    private static string Unquote(string value) =>
        value.StartsWith('`') && value.IndexOf('`', 1) is > 0 and var end ? value[1..end] + value[(end + 1)..] : value;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Removes the first sentence the pattern matches from the text; returns its value group, or null.</summary>
    private static string? Take(Regex pattern, ref string text)
    {
        var match = pattern.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value.Trim();
        var rest = match.Groups["rest"].Success ? Capitalized(match.Groups["rest"].Value.Trim()) + ". " : string.Empty;
        text = Spaces().Replace(text.Remove(match.Index, match.Length).Insert(match.Index, rest), " ").Trim();
        return value;
    }

    // A sentence starts at the start of the text or after ". "; it ends at a "." followed by a space
    // or the end (so versions like v1.15.0 stay whole). "Default: X; required …" shows X and keeps
    // "Required …." in the description.
    [GeneratedRegex(@"(?<=^|[.!?]\s)Default\b:?\s*(?<value>.*?)(?:;\s*(?<rest>required\b.*?))?\.(?=\s|$)\s*")]
    private static partial Regex DefaultSentence();

    [GeneratedRegex(@"(?<=^|[.!?]\s)Required\b(?<value>.*?)\.(?=\s|$)\s*")]
    private static partial Regex RequiredSentence();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
