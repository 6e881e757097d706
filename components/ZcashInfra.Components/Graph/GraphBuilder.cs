using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Graph;

/// <summary>
/// Builds a <see cref="ResourceGraph"/>. Every registration is checked as it is made, so a graph
/// that exists can be registered: names are well-formed and unique among siblings, paths and URNs
/// are unique, and every dependsOn, provider, alias parent and output reference points at a node
/// registered earlier.
/// </summary>
public sealed class GraphBuilder
{
    /// <summary>The Pulumi project name (also in Pulumi.yaml).</summary>
    public const string DefaultProject = "zcash-infra";

    private readonly List<GraphNode> _nodes = [];
    private readonly Dictionary<string, GraphNode> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _urns = new(StringComparer.Ordinal);
    private readonly List<NamedValue> _outputs = [];
    private readonly Dictionary<string, List<NamedValue>> _componentOutputs = new(StringComparer.Ordinal);

    /// <summary>Starts a graph for a stack.</summary>
    public GraphBuilder(string stack, string project = DefaultProject)
    {
        CheckName(stack, "stack name");
        Stack = stack;
        Project = project;
        Root = new GraphScope(this, null);
    }

    /// <summary>The stack name.</summary>
    public string Stack { get; }

    /// <summary>The project name.</summary>
    public string Project { get; }

    /// <summary>The top level: registrations here have no parent.</summary>
    public GraphScope Root { get; }

    /// <summary>Adds a stack output.</summary>
    public void StackOutput(string name, JsonNode? value)
    {
        if (_outputs.Any(o => o.Name == name))
        {
            throw new GraphException($"stack output '{name}' is declared twice");
        }

        _outputs.Add(new NamedValue(name, InputTree.Copy(value, name)));
    }

    /// <summary>The finished graph.</summary>
    public ResourceGraph Build()
    {
        var nodes = _nodes.Select(n => _componentOutputs.TryGetValue(n.Path, out var outs) ? n with { Outputs = [.. outs] } : n);
        return new ResourceGraph(Project, Stack, [.. nodes], [.. _outputs]);
    }

    internal string Register(string? parent, string type, string name, NodeKind kind, JsonObject? inputs, NodeOptions? options)
    {
        CheckName(name, "logical name");
        if (string.IsNullOrWhiteSpace(type) || type.Count(c => c == ':') < 2)
        {
            throw new GraphException($"'{name}': '{type}' is not a Pulumi type token (package:module:Type)");
        }

        var path = $"{parent ?? Stack}/{name}";
        if (_byPath.ContainsKey(path))
        {
            throw new GraphException($"'{path}': the name '{name}' is already used by a sibling under {(parent ?? "the stack")}");
        }

        var urn = ResourceGraph.Urn(Project, Stack, ResourceGraph.TypeChain(parent, type, _byPath), name);
        if (_urns.TryGetValue(urn, out var other))
        {
            throw new GraphException(
                $"'{path}' and '{other}' would both have the URN {urn}; give one a distinct name (prefix it with its component's name)");
        }

        options ??= NodeOptions.None;
        CheckOptions(path, options);
        var copied = InputTree.CopyObject(inputs ?? [], path);

        var node = new GraphNode(path, parent, type, name, kind, copied, options, []);
        _nodes.Add(node);
        _byPath.Add(path, node);
        _urns.Add(urn, path);
        return path;
    }

    internal void ComponentOutput(string componentPath, string name, JsonNode? value)
    {
        if (!_componentOutputs.TryGetValue(componentPath, out var outs))
        {
            _componentOutputs[componentPath] = outs = [];
        }

        if (outs.Any(o => o.Name == name))
        {
            throw new GraphException($"'{componentPath}': output '{name}' is declared twice");
        }

        outs.Add(new NamedValue(name, InputTree.Copy(value, name)));
    }

    private static void CheckName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains("::", StringComparison.Ordinal)
            || name.Any(char.IsWhiteSpace))
        {
            throw new GraphException($"'{name}' is not a valid {what}: it must be non-empty, without spaces, '/' or '::'");
        }
    }

    private void CheckOptions(string path, NodeOptions options)
    {
        foreach (var dependency in options.DependsOn)
        {
            MustExist(path, dependency, "dependsOn");
        }

        if (options.Provider is { } provider)
        {
            var node = MustExist(path, provider, "provider");
            if (!TypeTokens.IsProvider(node.Type))
            {
                throw new GraphException($"'{path}': provider '{provider}' is a {node.Type}, not a provider resource");
            }
        }

        if (options.CustomTimeouts is { } timeouts
            && new[] { timeouts.Create, timeouts.Update, timeouts.Delete }.Any(t => t is { } value && (value <= TimeSpan.Zero || value.Ticks % TimeSpan.TicksPerSecond != 0)))
        {
            throw new GraphException($"'{path}': custom timeouts must be whole positive seconds");
        }
    }

    private GraphNode MustExist(string where, string path, string what) =>
        _byPath.TryGetValue(path, out var node)
            ? node
            : throw new GraphException($"{where}: {what} '{path}' is not registered before it");
}

/// <summary>
/// A place to register nodes: the top of the stack or inside a component. Components create child
/// scopes; the scope supplies the parent, so a component cannot put nodes under someone else.
/// </summary>
public sealed class GraphScope
{
    private readonly GraphBuilder _builder;

    internal GraphScope(GraphBuilder builder, string? path)
    {
        _builder = builder;
        Path = path;
    }

    /// <summary>The component this scope registers under, or null at the top.</summary>
    public string? Path { get; }

    /// <summary>The stack name (components use it in physical names).</summary>
    public string Stack => _builder.Stack;

    /// <summary>Registers a component and returns the scope for its children.</summary>
    public GraphScope Component(string type, string name, NodeOptions? options = null) =>
        new(_builder, _builder.Register(Path, type, name, NodeKind.Component, null, options));

    /// <summary>Registers a provider-side component (expanded by the provider plugin), with inputs.</summary>
    public string RemoteComponent(string type, string name, JsonObject inputs, NodeOptions? options = null)
    {
        if (!TypeTokens.IsRemoteComponent(type))
        {
            throw new GraphException($"'{name}': {type} is not a provider-side component");
        }

        return _builder.Register(Path, type, name, NodeKind.Component, inputs, options);
    }

    /// <summary>Registers a resource; returns its path for dependsOn, provider and output references.</summary>
    public string Resource(string type, string name, JsonObject inputs, NodeOptions? options = null)
    {
        if (TypeTokens.IsRemoteComponent(type))
        {
            throw new GraphException($"'{name}': {type} is a provider-side component; use RemoteComponent");
        }

        return _builder.Register(Path, type, name, NodeKind.Resource, inputs, options);
    }

    /// <summary>Declares an output of this scope's component.</summary>
    public void Output(string name, JsonNode? value) =>
        _builder.ComponentOutput(Path ?? throw new GraphException("outputs at the top level are stack outputs"), name, value);
}
