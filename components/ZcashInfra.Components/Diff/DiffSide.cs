using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Rendering;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// One side of a diff: a stack as declared (from a <see cref="ResourceGraph"/>), as rendered (the
/// documented JSON render, see <see cref="GraphJson"/>), or absent (the stack does not exist there).
/// </summary>
public sealed class DiffSide
{
    private readonly ImmutableDictionary<string, DiffNode> _byPath;

    private DiffSide(string stack, string project, ImmutableArray<DiffNode> nodes, JsonObject outputs, bool exists, string source)
    {
        Stack = stack;
        Project = project;
        Nodes = nodes;
        Outputs = outputs;
        Exists = exists;
        Source = source;
        var byPath = new Dictionary<string, DiffNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!byPath.TryAdd(node.Path, node))
            {
                throw new InvalidDataException($"{source}: the path '{node.Path}' appears twice");
            }

            if (node.Parent is not null && !byPath.ContainsKey(node.Parent))
            {
                throw new InvalidDataException($"{source}: '{node.Path}' names parent '{node.Parent}', which is not listed before it");
            }
        }

        _byPath = byPath.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The stack name.</summary>
    public string Stack { get; }

    /// <summary>The project name.</summary>
    public string Project { get; }

    /// <summary>Every node, parents first, in registration order.</summary>
    public ImmutableArray<DiffNode> Nodes { get; }

    /// <summary>The stack outputs.</summary>
    public JsonObject Outputs { get; }

    /// <summary>False when this side has no such stack.</summary>
    public bool Exists { get; }

    /// <summary>Where this side came from, for error messages (a file name, or "graph").</summary>
    public string Source { get; }

    /// <summary>The node at a path, or null.</summary>
    public DiffNode? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>A declared stack: secrets keep their fingerprints, so a changed secret shows as changed.</summary>
    public static DiffSide FromGraph(ResourceGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = graph.Nodes.Select(n => new DiffNode(
            n.Path, n.Parent, n.Type, n.Name, n.Kind,
            InputTree.CopyObject(n.Inputs, n.Path),
            ComparedOptions(GraphJson.Node(n)["options"]!.AsObject())));
        var outputs = new JsonObject(graph.Outputs.Select(o => KeyValuePair.Create(o.Name, InputTree.Copy(o.Value, o.Name))));
        return new DiffSide(graph.Stack, graph.Project, [.. nodes], outputs, exists: true, "graph");
    }

    /// <summary>
    /// A rendered stack (<c>render --format json</c>, or the same document as YAML). Secrets appear
    /// there only as <c>[secret]</c>, so a change to a secret's value cannot be seen from a file.
    /// </summary>
    /// <param name="render">The parsed render.</param>
    /// <param name="source">Its file name, for error messages.</param>
    public static DiffSide FromRender(JsonNode? render, string source)
    {
        if (render is not JsonObject root)
        {
            throw new InvalidDataException($"{source}: not a stack render (expected a JSON object with stack, project, resources, outputs)");
        }

        var stack = Text(root, "stack", source);
        var project = Text(root, "project", source);
        if (root["resources"] is not JsonArray resources)
        {
            throw new InvalidDataException($"{source}: 'resources' must be a list");
        }

        var nodes = new List<DiffNode>();
        for (var i = 0; i < resources.Count; i++)
        {
            var at = $"{source}: resources[{i}]";
            if (resources[i] is not JsonObject r)
            {
                throw new InvalidDataException($"{at}: must be an object");
            }

            var options = r["options"] as JsonObject ?? throw new InvalidDataException($"{at}.options: must be an object");
            nodes.Add(new DiffNode(
                Text(r, "path", at),
                r["parent"] is null ? null : Text(r, "parent", at),
                Text(r, "type", at),
                Text(r, "name", at),
                Text(r, "kind", at) switch
                {
                    "component" => NodeKind.Component,
                    "resource" => NodeKind.Resource,
                    var other => throw new InvalidDataException($"{at}.kind: must be component or resource, got '{other}'"),
                },
                (r["inputs"] as JsonObject ?? throw new InvalidDataException($"{at}.inputs: must be an object")).DeepClone().AsObject(),
                ComparedOptions(options)));
        }

        var outputs = root["outputs"] as JsonObject ?? [];
        return new DiffSide(stack, project, [.. nodes], outputs.DeepClone().AsObject(), exists: true, source);
    }

    /// <summary>A stack that does not exist on this side (a new or a deleted stack).</summary>
    public static DiffSide Absent(string stack, string project = GraphBuilder.DefaultProject) =>
        new(stack, project, [], [], exists: false, "absent");

    // Renders from before aliases were dropped still carry an (always empty) aliases option: it was
    // identity, not something Pulumi changes on the resource, so it is not compared.
    private static JsonObject ComparedOptions(JsonObject options) =>
        new(options.Where(kv => kv.Key != "aliases").Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())));

    private static string Text(JsonObject o, string key, string at) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new InvalidDataException($"{at}.{key}: must be a string");
}
