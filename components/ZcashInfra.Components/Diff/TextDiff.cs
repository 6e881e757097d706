using System.Text;
using System.Text.Json;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// How a changed string value reads in a diff. A multi-line value (a ConfigMap's <c>zebrad.toml</c>,
/// a Tekton step's script) is compared line by line and shown as a unified diff with a little
/// context; a long one-line value shows only the part that changed, with a little on either side.
/// Short values are shown whole, as before.
/// </summary>
public static class TextDiff
{
    /// <summary>Unchanged lines shown around each change.</summary>
    public const int ContextLines = 2;

    /// <summary>One-line values longer than this show only the changed part.</summary>
    public const int LongValueChars = 120;

    /// <summary>Characters kept on either side of the changed part of a long one-line value.</summary>
    public const int ExcerptContext = 40;

    // Beyond this many lines per side the quadratic comparison is skipped: the values are shown
    // whole-changed (every old line removed, every new line added), still line by line.
    private const int MaxComparedLines = 4_000;

    /// <summary>
    /// The two values as text when they are JSON strings of which at least one spans lines, else null.
    /// Secret rows never qualify (their values are masks).
    /// </summary>
    public static (string Before, string After)? MultiLine(PropertyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Secret || AsString(change.Before) is not { } before || AsString(change.After) is not { } after)
        {
            return null;
        }

        return before.Contains('\n', StringComparison.Ordinal) || after.Contains('\n', StringComparison.Ordinal) ? (before, after) : null;
    }

    /// <summary>
    /// The unified diff of two texts: <c>@@ -a,b +c,d @@</c> hunk headers, then lines prefixed with
    /// a space (context), <c>-</c> (only in <paramref name="before"/>) or <c>+</c> (only in <paramref name="after"/>).
    /// </summary>
    public static IReadOnlyList<string> Unified(string before, string after, int context = ContextLines)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);

        // Group edits into hunks: changes closer than 2 × context lines share one.
        var lines = new List<string>();
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Op == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - context);
            var end = i;
            var quiet = 0;
            for (var j = i; j < edits.Count; j++)
            {
                if (edits[j].Op == ' ')
                {
                    if (++quiet > 2 * context)
                    {
                        break;
                    }
                }
                else
                {
                    quiet = 0;
                    end = j;
                }
            }

            var stop = Math.Min(edits.Count, end + context + 1);
            var hunk = edits.GetRange(start, stop - start);
            var oldStart = hunk.FirstOrDefault(e => e.Op != '+').OldLine;
            var newStart = hunk.FirstOrDefault(e => e.Op != '-').NewLine;
            var oldCount = hunk.Count(e => e.Op != '+');
            var newCount = hunk.Count(e => e.Op != '-');
            lines.Add($"@@ -{Range(oldStart, oldCount, edits, start, '+')} +{Range(newStart, newCount, edits, start, '-')} @@");
            lines.AddRange(hunk.Select(e => e.Op + e.Text));
            i = stop;
        }

        return lines;
    }

    /// <summary>
    /// For a long one-line change, the changed part of each value with <see cref="ExcerptContext"/>
    /// characters around it and <c>…</c> where text was left out; null when both values are short.
    /// </summary>
    public static (string Before, string After)? Excerpt(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Length <= LongValueChars && after.Length <= LongValueChars)
        {
            return null;
        }

        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }

        return (Cut(before, prefix, suffix), Cut(after, prefix, suffix));
    }

    private static string Cut(string text, int prefix, int suffix)
    {
        var from = Math.Max(0, prefix - ExcerptContext);
        var to = Math.Min(text.Length, text.Length - suffix + ExcerptContext);
        var middle = text[from..to];
        var builder = new StringBuilder();
        if (from > 0)
        {
            builder.Append('…');
        }

        builder.Append(middle);
        if (to < text.Length)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>The decoded string when <paramref name="json"/> is a JSON string literal.</summary>
    private static string? AsString(string? json)
    {
        if (json is null || json.Length < 2 || json[0] != '"')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A trailing newline ends the last line; it does not start another.
    private static string[] Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    // Unified-diff ranges: "start,count", with start the line before the hunk when count is 0.
    private static string Range(int start, int count, List<Edit> edits, int hunkStart, char skip)
    {
        if (count > 0)
        {
            return count == 1 ? $"{start}" : $"{start},{count}";
        }

        // An empty side: the number of that side's lines before the hunk.
        var before = edits.Take(hunkStart).Count(e => e.Op != skip);
        return $"{before},0";
    }

    private readonly record struct Edit(char Op, string Text, int OldLine, int NewLine);

    /// <summary>The edit script: a longest common subsequence of lines, common prefix and suffix first.</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var k = 0; k < head; k++)
        {
            edits.Add(new Edit(' ', a[k], k + 1, k + 1));
        }

        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        if (n > MaxComparedLines || m > MaxComparedLines)
        {
            for (var k = 0; k < n; k++)
            {
                edits.Add(new Edit('-', a[head + k], head + k + 1, head + 1));
            }

            for (var k = 0; k < m; k++)
            {
                edits.Add(new Edit('+', b[head + k], head + n + 1, head + k + 1));
            }
        }
        else
        {
            // lcs[x, y]: the longest common subsequence of a's middle from x and b's middle from y.
            var lcs = new int[n + 1, m + 1];
            for (var x = n - 1; x >= 0; x--)
            {
                for (var y = m - 1; y >= 0; y--)
                {
                    lcs[x, y] = a[head + x] == b[head + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                }
            }

            int p = 0, q = 0;
            while (p < n || q < m)
            {
                if (p < n && q < m && a[head + p] == b[head + q])
                {
                    edits.Add(new Edit(' ', a[head + p], head + p + 1, head + q + 1));
                    p++;
                    q++;
                }
                else if (p < n && (q == m || lcs[p + 1, q] >= lcs[p, q + 1]))
                {
                    // Removals before additions, as diff(1) prints them.
                    edits.Add(new Edit('-', a[head + p], head + p + 1, head + q + 1));
                    p++;
                }
                else
                {
                    edits.Add(new Edit('+', b[head + q], head + p + 1, head + q + 1));
                    q++;
                }
            }
        }

        for (var k = tail; k > 0; k--)
        {
            edits.Add(new Edit(' ', a[^k], a.Length - k + 1, b.Length - k + 1));
        }

        return edits;
    }
}
