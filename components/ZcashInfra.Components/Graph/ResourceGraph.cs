using System.Collections.Immutable;

namespace ZcashInfra.Components.Graph;

/// <summary>
/// What a Pulumi program registers, written down as data: every component and resource in
/// registration order, plus the stack's outputs. Built only through <see cref="GraphBuilder"/>,
/// which enforces that it can be registered.
/// </summary>
public sealed class ResourceGraph
{
    private readonly ImmutableDictionary<string, GraphNode> _byPath;

    internal ResourceGraph(string project, string stack, ImmutableArray<GraphNode> nodes, ImmutableArray<NamedValue> outputs)
    {
        Project = project;
        Stack = stack;
        Nodes = nodes;
        Outputs = outputs;
        _byPath = nodes.ToImmutableDictionary(n => n.Path, StringComparer.Ordinal);
    }

    /// <summary>The Pulumi project name.</summary>
    public string Project { get; }

    /// <summary>The stack (environment) name.</summary>
    public string Stack { get; }

    /// <summary>Every node, parents before children, dependencies before dependents.</summary>
    public ImmutableArray<GraphNode> Nodes { get; }

    /// <summary>The stack outputs an operator needs.</summary>
    public ImmutableArray<NamedValue> Outputs { get; }

    /// <summary>The node at a path.</summary>
    public GraphNode this[string path] =>
        _byPath.TryGetValue(path, out var node) ? node : throw new KeyNotFoundException($"no node at '{path}'");

    /// <summary>The node at a path, or null.</summary>
    public GraphNode? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The direct children of a node (or the top-level nodes for null), in registration order.</summary>
    public IEnumerable<GraphNode> ChildrenOf(string? parentPath) => Nodes.Where(n => n.Parent == parentPath);

    /// <summary>The resources (not components) in registration order.</summary>
    public IEnumerable<GraphNode> Resources => Nodes.Where(n => n.Kind == NodeKind.Resource);

    /// <summary>
    /// The Pulumi URN the node gets: <c>urn:pulumi:stack::project::parentTypes$type::name</c>.
    /// Two nodes with the same URN cannot coexist in a stack, which is why names are checked
    /// against it and not only against their siblings.
    /// </summary>
    public string UrnOf(GraphNode node) => Urn(Project, Stack, TypeChain(node.Parent, node.Type, _byPath), node.Name);

    internal static string Urn(string project, string stack, string typeChain, string name) =>
        $"urn:pulumi:{stack}::{project}::{typeChain}::{name}";

    internal static string TypeChain(string? parentPath, string type, IReadOnlyDictionary<string, GraphNode> byPath)
    {
        var chain = new List<string> { type };
        for (var p = parentPath; p is not null; p = byPath[p].Parent)
        {
            chain.Add(byPath[p].Type);
        }

        chain.Reverse();
        return string.Join('$', chain);
    }
}
