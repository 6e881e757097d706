using System.Net;
using System.Text;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// The Markdown render of a diff, for a pull-request comment: a warning listing every replacement
/// first, then the counts per stack, then one collapsible block per changed node with its
/// property-level before and after (secrets masked). The whole text stays within a character cap
/// (GitHub rejects comments over 65,536 characters); what does not fit is left out with a note.
/// </summary>
public static class DiffMarkdown
{
    /// <summary>GitHub's limit on a comment body.</summary>
    public const int GitHubCommentLimit = 65_536;

    /// <summary>Default cap: below GitHub's limit, leaving room for what a workflow adds around it.</summary>
    public const int DefaultMaxChars = 60_000;

    /// <summary>The smallest cap that still holds the summary.</summary>
    public const int MinMaxChars = 2_000;

    /// <summary>A marker other tools can find the comment by.</summary>
    public const string Marker = "<!-- zcash-infra-diff -->";

    // Per node and per value: one huge resource must not crowd out the rest of the report.
    private const int MaxRowsPerNode = 150;
    private const int MaxValueChars = 300;
    private const int MaxDiffLines = 80;
    private const int MaxListedReplacements = 30;

    /// <summary>Renders the report within <paramref name="maxChars"/> characters.</summary>
    public static string Render(DiffReport report, int maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, MinMaxChars);

        var head = new StringBuilder();
        head.Append(Marker).Append('\n');
        head.Append("### Infrastructure diff\n\n");
        head.Append("Base: ").Append(Code(report.BaseLabel)).Append(" → change: ").Append(Code(report.ChangeLabel))
            .Append(". Desired state compared offline, without credentials.\n\n");
        Warning(report, head);
        Summary(report, head);
        if (report.SecretNote is { } note)
        {
            head.Append("> [!NOTE]\n> ").Append(Escape(note)).Append("\n\n");
        }

        var blocks = new List<string>();
        foreach (var stack in report.Stacks)
        {
            var changes = stack.Changes.ToList();
            if (changes.Count == 0 && stack.Outputs.IsEmpty)
            {
                continue;
            }

            blocks.Add($"#### {Code(stack.Stack)}\n\n");
            blocks.AddRange(changes.Select(Block));
            if (!stack.Outputs.IsEmpty)
            {
                blocks.Add(Details("Stack outputs", stack.Outputs, stack.Outputs.Length));
            }
        }

        var text = new StringBuilder(head.ToString());
        if (text.Length > maxChars)
        {
            // Only the replacement list can grow this large; it is already capped per item.
            var cut = Truncation(blocks.Count);
            text.Length = maxChars - cut.Length;
            text.Append(cut);
            return text.ToString();
        }

        var shown = 0;
        var reserve = Truncation(blocks.Count).Length;
        foreach (var block in blocks)
        {
            var remaining = blocks.Count - shown;
            var limit = remaining == 1 ? maxChars : maxChars - reserve;
            if (text.Length + block.Length > limit)
            {
                break;
            }

            text.Append(block);
            shown++;
        }

        if (shown < blocks.Count)
        {
            text.Append(Truncation(blocks.Count - shown));
        }

        return text.ToString();
    }

    private static void Warning(DiffReport report, StringBuilder text)
    {
        var replacements = report.Replacements.ToList();
        if (replacements.Count == 0)
        {
            return;
        }

        text.Append("> [!WARNING]\n> **").Append(replacements.Count).Append(replacements.Count == 1 ? " resource is" : " resources are")
            .Append(" predicted to be REPLACED** (deleted and created again; `pulumi preview` decides):\n");
        foreach (var (stack, change) in replacements.Take(MaxListedReplacements))
        {
            text.Append("> - **").Append(Escape(stack)).Append("** ").Append(Code(change.Path)).Append(" (").Append(Code(change.Type))
                .Append("): ").Append(Escape(DiffReport.Reasons(change))).Append('\n');
        }

        if (replacements.Count > MaxListedReplacements)
        {
            text.Append("> - … and ").Append(replacements.Count - MaxListedReplacements).Append(" more\n");
        }

        text.Append('\n');
    }

    private static void Summary(DiffReport report, StringBuilder text)
    {
        text.Append("| stack | added | removed | changed | replaced (predicted) | moved | unchanged |\n");
        text.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var s in report.Stacks)
        {
            var state = (s.BeforeExists, s.AfterExists) switch
            {
                (false, true) => " (new)",
                (true, false) => " (deleted)",
                _ => string.Empty,
            };
            text.Append("| ").Append(Code(s.Stack)).Append(state)
                .Append(" | ").Append(s.Count(ChangeKind.Added))
                .Append(" | ").Append(s.Count(ChangeKind.Removed))
                .Append(" | ").Append(s.Count(ChangeKind.Changed))
                .Append(" | ").Append(Bold(s.Count(ChangeKind.Replaced)))
                .Append(" | ").Append(Bold(s.Count(ChangeKind.Moved)))
                .Append(" | ").Append(s.Count(ChangeKind.Unchanged))
                .Append(" |\n");
        }

        text.Append('\n');
        if (report.Stacks.All(s => !s.HasChanges))
        {
            text.Append("No changes.\n\n");
        }
    }

    private static string Block(ResourceChange change)
    {
        var verb = change.Kind switch
        {
            ChangeKind.Added => "add",
            ChangeKind.Removed => "delete",
            ChangeKind.Changed => "update",
            ChangeKind.Replaced => "<b>REPLACE</b>",
            ChangeKind.Moved => "<b>REPLACE (moved)</b>",
            _ => "same",
        };
        var summary = new StringBuilder();
        summary.Append(WebUtility.HtmlEncode(DiffReport.Symbol(change.Kind))).Append(' ').Append(verb)
            .Append(" <code>").Append(WebUtility.HtmlEncode(change.Path)).Append("</code> <code>")
            .Append(WebUtility.HtmlEncode(change.Type)).Append("</code>");
        if (change.IsReplacement)
        {
            summary.Append(": ").Append(WebUtility.HtmlEncode(DiffReport.Reasons(change)));
        }
        else if (change.PreviousPath is not null)
        {
            summary.Append(" (was <code>").Append(WebUtility.HtmlEncode(change.PreviousPath)).Append("</code>)");
        }

        if (change.PodEffect is { } effect)
        {
            summary.Append(" — <b>pods:</b> ").Append(WebUtility.HtmlEncode(effect));
        }

        return Details(summary.ToString(), change.Properties, change.Properties.Length);
    }

    private static string Details(string summary, IReadOnlyList<PropertyChange> rows, int total)
    {
        var text = new StringBuilder();
        text.Append("<details><summary>").Append(summary).Append("</summary>\n\n");
        if (rows.Count == 0)
        {
            text.Append("No property changes.\n\n</details>\n\n");
            return text.ToString();
        }

        text.Append("| property | before | after |\n| --- | --- | --- |\n");
        var texts = new List<(PropertyChange Row, string Before, string After)>();
        foreach (var row in rows.Take(MaxRowsPerNode))
        {
            var property = Code(row.Property) + (row.Replaces ? " ⚠️ predicted to force replacement" : string.Empty) + (row.Ignored ? " (ignored: ignoreChanges)" : string.Empty)
                + (row.Effect is { } effect ? " — pods: " + Escape(effect) : string.Empty);
            string before, after;
            if (TextDiff.MultiLine(row) is { } lines)
            {
                // A table cell cannot hold lines: the cells say so and the diff follows the table.
                texts.Add((row, lines.Before, lines.After));
                before = LineCount(lines.Before);
                after = LineCount(lines.After) + ", diff below";
            }
            else if (row is { Secret: false, Before: { } b, After: { } a } && TextDiff.Excerpt(b, a) is { } cut)
            {
                (before, after) = (Value(cut.Before), Value(cut.After));
            }
            else
            {
                before = Value(row.Before);
                after = row.Secret && row.Before is not null && row.Before == row.After ? Code(row.After!) + " (secret value changed)" : Value(row.After);
            }

            text.Append("| ").Append(property).Append(" | ").Append(before).Append(" | ").Append(after).Append(" |\n");
        }

        if (total > MaxRowsPerNode)
        {
            text.Append("\n… ").Append(total - MaxRowsPerNode).Append(" more properties not shown.\n");
        }

        foreach (var (row, before, after) in texts)
        {
            var diff = TextDiff.Unified(before, after);
            var body = string.Join("\n", diff.Take(MaxDiffLines));
            var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
            text.Append('\n').Append(Code(row.Property)).Append(":\n\n").Append(fence).Append("diff\n").Append(body).Append('\n').Append(fence).Append('\n');
            if (diff.Count > MaxDiffLines)
            {
                text.Append("… ").Append(diff.Count - MaxDiffLines).Append(" more diff lines not shown.\n");
            }
        }

        text.Append("\n</details>\n\n");
        return text.ToString();
    }

    private static string Truncation(int omitted) =>
        $"\n---\n⚠️ **Cut to fit a comment:** {omitted} more section(s) not shown. " +
        "Run `dotnet run --project stacks/ZcashInfra.Cli -- diff --base <ref>` for the whole diff.\n";

    private static string Value(string? value) =>
        value is null ? "—" : Code(value.Length > MaxValueChars ? value[..MaxValueChars] + "…" : value);

    private static string LineCount(string text)
    {
        var count = text.Length == 0 ? 0 : text.TrimEnd('\n').Split('\n').Length;
        return count == 1 ? "1 line" : $"{count} lines";
    }

    private static string Bold(int count) => count > 0 ? $"**{count}**" : "0";

    // Inline code in a table cell: pipes and line breaks would break the table; a run of backticks
    // longer than any inside keeps the code span closed.
    private static string Code(string value)
    {
        var cell = value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "↵", StringComparison.Ordinal);
        var fence = new string('`', LongestRun(cell, '`') + 1);
        var pad = cell.StartsWith('`') || cell.EndsWith('`') ? " " : string.Empty;
        return fence + pad + cell + pad + fence;
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
