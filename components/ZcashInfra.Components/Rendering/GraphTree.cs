using System.Text;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Rendering;

/// <summary>
/// The terminal render: the component/resource hierarchy with type tokens, shaped like
/// <c>pulumi preview</c>'s tree, followed by the stack outputs.
/// </summary>
public static class GraphTree
{
    /// <summary>Renders the tree.</summary>
    public static string Render(ResourceGraph graph)
    {
        var text = new StringBuilder();
        var rows = new List<(string Prefix, GraphNode? Node)> { ("", null) };
        Collect(graph, null, "", rows);
        var typeWidth = rows.Max(r => r.Prefix.Length + (r.Node?.Type.Length ?? $"pulumi:pulumi:Stack".Length));
        foreach (var (prefix, node) in rows)
        {
            var type = node?.Type ?? "pulumi:pulumi:Stack";
            var name = node?.Name ?? $"{graph.Project}-{graph.Stack}";
            text.Append((prefix + type).PadRight(typeWidth + 2)).Append(name);
            if (node is not null && Flags(node) is { Length: > 0 } flags)
            {
                text.Append("  [").Append(flags).Append(']');
            }

            text.Append('\n');
        }

        if (graph.Outputs.Length > 0)
        {
            text.Append("\nOutputs:\n");
            var width = graph.Outputs.Max(o => o.Name.Length);
            foreach (var output in graph.Outputs)
            {
                var value = InputTree.ToPlainJson(output.Value);
                var shown = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
                text.Append("    ").Append((output.Name + ":").PadRight(width + 2)).Append(shown).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Collect(ResourceGraph graph, string? parent, string indent, List<(string, GraphNode?)> rows)
    {
        var children = graph.ChildrenOf(parent).ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            rows.Add((indent + (last ? "└─ " : "├─ "), children[i]));
            Collect(graph, children[i].Path, indent + (last ? "   " : "│  "), rows);
        }
    }

    private static string Flags(GraphNode node)
    {
        var flags = new List<string>();
        if (node.Options.Protect)
        {
            flags.Add("protect");
        }

        if (node.Options.RetainOnDelete)
        {
            flags.Add("retainOnDelete");
        }

        if (node.Options.DeleteBeforeReplace)
        {
            flags.Add("deleteBeforeReplace");
        }

        if (node.Options.CustomTimeouts is { IsEmpty: false } timeouts)
        {
            flags.Add("timeouts " + string.Join("/", new[] { ("create", timeouts.Create), ("update", timeouts.Update), ("delete", timeouts.Delete) }
                .Where(t => t.Item2 is not null).Select(t => $"{t.Item1} {GraphTimeouts.Text(t.Item2!.Value)}")));
        }

        if (TypeTokens.IsRemoteComponent(node.Type))
        {
            flags.Add("remote");
        }

        if (InputTree.Leaves(node.Inputs).Any(l => InputTree.AsSecret(l.Leaf) is not null))
        {
            flags.Add("secret inputs");
        }

        return string.Join(", ", flags);
    }
}
