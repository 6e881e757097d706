using System.Text;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// The terminal render of a diff, shaped like <c>pulumi preview --diff</c>: per stack the counts,
/// every replacement spelled out as REPLACE, then the tree of changed nodes (with their unchanged
/// ancestors for context) and, under each updated, replaced or moved node, its property changes.
/// </summary>
public static class DiffTree
{
    private const string PropertyIndent = "      ";
    private const string StackType = "pulumi:pulumi:Stack";

    /// <summary>Renders the report.</summary>
    public static string Render(DiffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("Base: ").Append(report.BaseLabel).Append('\n');
        text.Append("Change: ").Append(report.ChangeLabel).Append('\n');
        foreach (var stack in report.Stacks)
        {
            text.Append('\n').Append(stack.Stack).Append(": ").Append(DiffReport.Counts(stack)).Append('\n');
            foreach (var replaced in stack.Replacements)
            {
                text.Append("  REPLACE ").Append(replaced.Path).Append(" (").Append(replaced.Type).Append("): ")
                    .Append(DiffReport.Reasons(replaced)).Append('\n');
            }

            if (stack.Changes.Any())
            {
                text.Append('\n');
                Tree(stack, text);
            }

            if (!stack.Outputs.IsEmpty)
            {
                text.Append("\n  Outputs:\n");
                foreach (var output in stack.Outputs)
                {
                    text.Append("    ").Append(Property(output)).Append('\n');
                }
            }
        }

        if (report.SecretNote is { } note)
        {
            text.Append("\nNote: ").Append(note).Append('\n');
        }

        return text.ToString();
    }

    private static void Tree(StackDiff stack, StringBuilder text)
    {
        // Which entries to show: every change plus the ancestors that place it.
        var byPath = new Dictionary<string, ResourceChange>(StringComparer.Ordinal);
        foreach (var entry in stack.Entries)
        {
            byPath.TryAdd(entry.Path, entry);
        }

        foreach (var entry in stack.Entries.Where(e => e.PreviousPath is not null))
        {
            byPath.TryAdd(entry.PreviousPath!, entry);
        }

        ResourceChange? ParentOf(ResourceChange e) => e.Parent is { } p && byPath.TryGetValue(p, out var parent) && parent != e ? parent : null;

        var shown = new HashSet<ResourceChange>(ReferenceEqualityComparer.Instance);
        foreach (var change in stack.Changes)
        {
            for (var e = change; e is not null && shown.Add(e); e = ParentOf(e))
            {
            }
        }

        var ordered = stack.Entries.Where(shown.Contains).ToList();

        // Children by parent, found once (a scan per node would be quadratic in the stack's size).
        var byParent = new Dictionary<ResourceChange, List<ResourceChange>>(ReferenceEqualityComparer.Instance);
        var roots = new List<ResourceChange>();
        foreach (var entry in ordered)
        {
            if (ParentOf(entry) is { } p)
            {
                if (!byParent.TryGetValue(p, out var list))
                {
                    byParent[p] = list = [];
                }

                list.Add(entry);
            }
            else
            {
                roots.Add(entry);
            }
        }

        var rows = new List<(string Prefix, string Continuation, ResourceChange Entry)>();
        void Collect(ResourceChange? parent, string indent)
        {
            var children = parent is null ? roots : byParent.GetValueOrDefault(parent) ?? [];
            for (var i = 0; i < children.Count; i++)
            {
                var last = i == children.Count - 1;
                rows.Add((indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), children[i]));
                Collect(children[i], indent + (last ? "   " : "│  "));
            }
        }

        Collect(null, string.Empty);
        var width = Math.Max(StackType.Length, rows.Max(r => r.Prefix.Length + r.Entry.Type.Length));
        text.Append("   ").Append(StackType.PadRight(width + 2)).Append(stack.Stack).Append('\n');
        foreach (var (prefix, continuation, entry) in rows)
        {
            text.Append(DiffReport.Symbol(entry.Kind).PadRight(3)).Append((prefix + entry.Type).PadRight(width + 2)).Append(entry.Name);
            text.Append(entry.Kind switch
            {
                ChangeKind.Added => "  add",
                ChangeKind.Removed => "  delete",
                ChangeKind.Changed => "  update",
                ChangeKind.Replaced => "  REPLACE: " + DiffReport.Reasons(entry),
                ChangeKind.Moved => "  REPLACE (moved): " + DiffReport.Reasons(entry),
                _ => string.Empty,
            });
            if (entry.PreviousPath is not null && entry.Kind is not ChangeKind.Moved)
            {
                text.Append("  (was ").Append(entry.PreviousPath).Append(')');
            }

            if (entry.PodEffect is { } effect)
            {
                text.Append("  — pods: ").Append(effect);
            }

            text.Append('\n');
            if (entry.Kind is ChangeKind.Changed or ChangeKind.Replaced or ChangeKind.Moved)
            {
                foreach (var line in entry.Properties.SelectMany(PropertyLines))
                {
                    text.Append("   ").Append(continuation).Append(PropertyIndent).Append(line).Append('\n');
                }
            }
        }
    }

    /// <summary>
    /// One property change as lines: <c>~ path: before → after</c>, <c>+ path: value</c> or
    /// <c>- path: value</c>; a multi-line string as <c>~ path: (N → M lines)</c> followed by its
    /// unified diff, indented.
    /// </summary>
    public static IEnumerable<string> PropertyLines(PropertyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (TextDiff.MultiLine(change) is not { } text)
        {
            yield return Property(change);
            yield break;
        }

        yield return Flags($"~ {change.Property}: ({Count(text.Before)} → {Count(text.After)} lines)", change);
        foreach (var line in TextDiff.Unified(text.Before, text.After))
        {
            yield return "    " + line;
        }

        static int Count(string s) => s.Length == 0 ? 0 : s.TrimEnd('\n').Split('\n').Length;
    }

    /// <summary>One property change as a line: <c>~ path: before → after</c>, <c>+ path: value</c> or <c>- path: value</c>.</summary>
    public static string Property(PropertyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var line = (change.Before, change.After) switch
        {
            (null, var after) => $"+ {change.Property}: {after}",
            (var before, null) => $"- {change.Property}: {before}",
            var (before, after) when change.Secret && before == after => $"~ {change.Property}: {before} (secret value changed)",
            var (before, after) when TextDiff.Excerpt(before, after) is { } cut => $"~ {change.Property}: {cut.Before} → {cut.After}",
            var (before, after) => $"~ {change.Property}: {before} → {after}",
        };
        return Flags(line, change);
    }

    private static string Flags(string line, PropertyChange change)
    {
        if (change.Replaces)
        {
            line += "  [predicted to force replacement]";
        }

        if (change.Ignored)
        {
            line += "  [ignored: ignoreChanges]";
        }

        if (change.Effect is { } effect)
        {
            line += $"  [pods: {effect}]";
        }

        return line;
    }
}
