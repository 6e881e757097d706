using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// A property path as segments (object keys and list indexes), printed the way Pulumi prints
/// property paths: <c>spec.template.spec.containers[0].image</c>, with keys that are not plain
/// identifiers quoted (<c>metadata.labels["app.kubernetes.io/name"]</c>). Matching works on
/// segments, so a dot inside a label key never looks like nesting.
/// </summary>
public sealed partial record PropertyPath
{
    private const string AnyIndex = "*";

    private PropertyPath(ImmutableArray<string> keys, ImmutableArray<bool> isIndex)
    {
        Keys = keys;
        IsIndex = isIndex;
    }

    /// <summary>The empty path (the root).</summary>
    public static PropertyPath Root { get; } = new([], []);

    /// <summary>Each segment: a key, or an index's digits (or <c>*</c> in a pattern).</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>Whether each segment is a list index.</summary>
    public ImmutableArray<bool> IsIndex { get; }

    /// <summary>The path one key further down.</summary>
    public PropertyPath Key(string key) => new(Keys.Add(key), IsIndex.Add(false));

    /// <summary>The path one list element further down.</summary>
    public PropertyPath Index(int index) => new(Keys.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture)), IsIndex.Add(true));

    /// <summary>
    /// Parses Pulumi's path syntax (<c>a.b[0].c</c>, <c>a["k.with.dots"]</c>, <c>a[*]</c>), as used by
    /// <c>ignoreChanges</c> and <see cref="ReplacementRules"/>.
    /// </summary>
    public static PropertyPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var path = Root;
        foreach (Match m in Segment().Matches(text))
        {
            path = m.Groups["key"].Success ? path.Key(m.Groups["key"].Value)
                : m.Groups["quoted"].Success ? path.Key(Unescape(m.Groups["quoted"].Value))
                : m.Groups["index"].Value == AnyIndex ? new PropertyPath(path.Keys.Add(AnyIndex), path.IsIndex.Add(true))
                : path.Index(int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (path.ToString() != Normalize(text))
        {
            throw new FormatException($"'{text}' is not a property path (a.b[0].c or a[\"key\"])");
        }

        return path;
    }

    /// <summary>True when this path is <paramref name="prefix"/> or lies under it (<c>*</c> matches any index).</summary>
    public bool StartsWith(PropertyPath prefix)
    {
        if (prefix.Keys.Length > Keys.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Keys.Length; i++)
        {
            var wildcard = prefix.IsIndex[i] && prefix.Keys[i] == AnyIndex && IsIndex[i];
            if (!wildcard && (prefix.IsIndex[i] != IsIndex[i] || prefix.Keys[i] != Keys[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(PropertyPath? other) => other is not null && other.ToString() == ToString();

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Pulumi's printed form.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Keys.Length; i++)
        {
            if (IsIndex[i])
            {
                text.Append('[').Append(Keys[i]).Append(']');
            }
            else if (Identifier().IsMatch(Keys[i]))
            {
                text.Append(i == 0 ? string.Empty : ".").Append(Keys[i]);
            }
            else
            {
                text.Append("[\"").Append(Keys[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
            }
        }

        return text.ToString();
    }

    private static string Unescape(string quoted) =>
        quoted.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    // Quoted keys written as ["plain"] print as .plain: compare in printed form.
    private static string Normalize(string text) =>
        SimpleQuoted().Replace(text, m => (m.Index == 0 ? string.Empty : ".") + m.Groups[1].Value);

    [GeneratedRegex("""(?:^|\.)(?<key>[A-Za-z_$][A-Za-z0-9_$-]*)|\["(?<quoted>(?:[^"\\]|\\.)*)"\]|\[(?<index>[0-9]+|\*)\]""")]
    private static partial Regex Segment();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("""\["([A-Za-z_$][A-Za-z0-9_$-]*)"\]""")]
    private static partial Regex SimpleQuoted();
}
