using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Rendering;

/// <summary>
/// The JSON render: a documented, stable format other tools parse (docs/stacks.md, "The resource graph and its JSON render").
/// <c>{"stack", "project", "resources": [...], "outputs": {...}}</c>; every node in registration
/// order with <c>path</c>, <c>parent</c>, <c>type</c>, <c>name</c>, <c>kind</c>, <c>inputs</c>
/// (secrets as <c>[secret]</c>), <c>options</c> and, for components, <c>outputs</c>.
/// </summary>
public static class GraphJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The render as a JSON tree.</summary>
    public static JsonObject ToJson(ResourceGraph graph) => new()
    {
        ["stack"] = graph.Stack,
        ["project"] = graph.Project,
        ["resources"] = new JsonArray([.. graph.Nodes.Select(Node)]),
        ["outputs"] = Outputs(graph.Outputs),
    };

    /// <summary>The render as text (indented, "\n" line ends, trailing newline): byte-identical for the same graph.</summary>
    public static string Render(ResourceGraph graph) => ToJson(graph).ToJsonString(Indented) + "\n";

    /// <summary>Serializes any plain JSON tree the way renders do.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Indented) + "\n";

    /// <summary>One node as it appears in the render.</summary>
    public static JsonObject Node(GraphNode node)
    {
        var o = node.Options;
        var json = new JsonObject
        {
            ["path"] = node.Path,
            ["parent"] = node.Parent,
            ["type"] = node.Type,
            ["name"] = node.Name,
            ["kind"] = node.Kind == NodeKind.Component ? "component" : "resource",
            ["inputs"] = InputTree.ToPlainJson(node.Inputs),
            ["options"] = new JsonObject
            {
                ["dependsOn"] = new JsonArray([.. o.DependsOn.Select(d => JsonValue.Create(d))]),
                ["protect"] = o.Protect,
                ["retainOnDelete"] = o.RetainOnDelete,
                ["ignoreChanges"] = new JsonArray([.. o.IgnoreChanges.Select(d => JsonValue.Create(d))]),
                ["deleteBeforeReplace"] = o.DeleteBeforeReplace,
                ["provider"] = o.Provider,
            },
        };
        // Only when set, so renders of nodes without them stay as they were.
        if (o.CustomTimeouts is { IsEmpty: false } timeouts)
        {
            json["options"]!["customTimeouts"] = Timeouts(timeouts);
        }

        if (node.Kind == NodeKind.Component)
        {
            json["outputs"] = Outputs(node.Outputs);
        }

        return json;
    }

    private static JsonObject Outputs(IEnumerable<NamedValue> outputs) =>
        new(outputs.Select(o => KeyValuePair.Create(o.Name, InputTree.ToPlainJson(o.Value))));

    private static JsonObject Timeouts(GraphTimeouts timeouts)
    {
        var json = new JsonObject();
        foreach (var (name, value) in new[] { ("create", timeouts.Create), ("update", timeouts.Update), ("delete", timeouts.Delete) })
        {
            if (value is { } set)
            {
                json[name] = GraphTimeouts.Text(set);
            }
        }

        return json;
    }
}
