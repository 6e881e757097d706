using System.Collections.Immutable;
using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Infra.Binding;

/// <summary>
/// Registers a <see cref="ResourceGraph"/> with the Pulumi engine, mechanically: components become
/// ComponentResources (provider-side ones remote), provider nodes ProviderResources, everything else
/// a <see cref="GraphCustomResource"/> with <see cref="DictionaryResourceArgs"/>. Every option is
/// mapped, and every resource asks for its package's pinned plugin version.
/// </summary>
public static class GraphBinder
{
    /// <summary>Checks, before anything is registered, that the graph uses only what this binder can map.</summary>
    public static void Check(ResourceGraph graph)
    {
        var problems = new List<string>();
        foreach (var node in graph.Nodes)
        {
            foreach (var (path, leaf) in InputTree.Leaves(node.Inputs))
            {
                if (InputTree.AsSecret(leaf) is { HasPlaintext: false })
                {
                    problems.Add($"{node.Path}: input {path} is a secret without a value (read offline, not from the engine)");
                }
            }

            if (node.Kind == NodeKind.Resource && !TypeTokens.IsProvider(node.Type) && node.Package != "zcash-infra" && ProviderPins.VersionOf(node.Package) is null)
            {
                problems.Add($"{node.Path}: package '{node.Package}' has no pinned provider version");
            }
        }

        if (problems.Count > 0)
        {
            throw new GraphException("the graph cannot be registered:\n  " + string.Join("\n  ", problems));
        }
    }

    /// <summary>
    /// Registers every node of the graph.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="root">Parent for top-level nodes (null: the stack).</param>
    /// <param name="preBound">Nodes that already exist (a typed wrapper's own component, a caller's provider);
    /// a null value means "use the default provider".</param>
    public static BoundGraph Bind(ResourceGraph graph, Resource? root = null, IReadOnlyDictionary<string, Resource?>? preBound = null)
    {
        Check(graph);
        var bound = new Dictionary<string, Resource?>(preBound ?? ImmutableDictionary<string, Resource?>.Empty, StringComparer.Ordinal);
        var components = new List<(GraphNode Node, GraphComponentResource Resource)>();
        var registered = new Dictionary<string, ResourceOptions>(StringComparer.Ordinal);

        foreach (var node in graph.Nodes)
        {
            if (bound.ContainsKey(node.Path))
            {
                continue;
            }

            var parent = node.Parent is null ? root : bound[node.Parent];
            Resource resource;
            if (node.Kind == NodeKind.Component && TypeTokens.IsRemoteComponent(node.Type))
            {
                var options = ComponentOptions(node, parent, bound);
                options.Version = ProviderPins.VersionOf(node.Package);
                registered[node.Path] = options;
                resource = new ComponentResource(node.Type, node.Name, new DictionaryResourceArgs(InputConverter.Convert(node.Inputs)), options, remote: true);
            }
            else if (node.Kind == NodeKind.Component)
            {
                var options = ComponentOptions(node, parent, bound);
                registered[node.Path] = options;
                var component = new GraphComponentResource(node.Type, node.Name, options);
                components.Add((node, component));
                resource = component;
            }
            else if (TypeTokens.IsProvider(node.Type))
            {
                var options = CustomOptions(node, parent, bound);
                registered[node.Path] = options;
                resource = new ProviderResource(node.Package, node.Name, new DictionaryResourceArgs(InputConverter.Convert(node.Inputs)), options);
            }
            else
            {
                var options = CustomOptions(node, parent, bound);
                registered[node.Path] = options;
                resource = new GraphCustomResource(node.Type, node.Name, new DictionaryResourceArgs(InputConverter.Convert(node.Inputs)), options);
            }

            bound[node.Path] = resource;
        }

        foreach (var (node, component) in components)
        {
            component.Complete(Outputs(node.Outputs));
        }

        return new BoundGraph(bound, registered, Outputs(graph.Outputs));
    }

    private static Dictionary<string, object?> Outputs(IEnumerable<NamedValue> outputs) =>
        outputs.ToDictionary(o => o.Name, o => InputConverter.Value(o.Value), StringComparer.Ordinal);

    private static CustomResourceOptions CustomOptions(GraphNode node, Resource? parent, Dictionary<string, Resource?> bound)
    {
        var o = node.Options;
        var options = new CustomResourceOptions
        {
            Parent = parent,
            Protect = Protect(o),
            RetainOnDelete = o.RetainOnDelete,
            DeleteBeforeReplace = o.DeleteBeforeReplace,
            CustomTimeouts = Timeouts(o.CustomTimeouts),
            IgnoreChanges = [.. o.IgnoreChanges],
            Provider = o.Provider is null ? null : (ProviderResource?)bound[o.Provider],
            Version = ProviderPins.VersionOf(node.Package),
        };
        AddDependencies(options, o, bound);
        return options;
    }

    private static ComponentResourceOptions ComponentOptions(GraphNode node, Resource? parent, Dictionary<string, Resource?> bound)
    {
        var o = node.Options;
        var options = new ComponentResourceOptions
        {
            Parent = parent,
            Protect = Protect(o),
            RetainOnDelete = o.RetainOnDelete,
            CustomTimeouts = Timeouts(o.CustomTimeouts),
            IgnoreChanges = [.. o.IgnoreChanges],
            Provider = o.Provider is null ? null : (ProviderResource?)bound[o.Provider],
        };
        AddDependencies(options, o, bound);
        return options;
    }

    /// <summary>
    /// True when the graph protects the node, else null: the SDK inherits protection from the parent
    /// only while the option is null (<c>options.Protect ??= options.Parent._protect</c>, pulumi/pulumi-dotnet
    /// <c>sdk/Pulumi/Resources/Resource.cs</c>), so an explicit false would drop a caller's
    /// <c>Protect = true</c> on a wrapper component.
    /// </summary>
    private static bool? Protect(NodeOptions o) => o.Protect ? true : null;

    /// <summary>The engine's <c>customTimeouts</c> option (pulumi/pulumi-dotnet <c>sdk/Pulumi/Resources/CustomTimeouts.cs</c>), or null when the graph sets none.</summary>
    private static CustomTimeouts? Timeouts(GraphTimeouts? timeouts) => timeouts is null || timeouts.IsEmpty
        ? null
        : new CustomTimeouts { Create = timeouts.Create, Update = timeouts.Update, Delete = timeouts.Delete };

    private static void AddDependencies(ResourceOptions options, NodeOptions o, Dictionary<string, Resource?> bound)
    {
        foreach (var dependency in o.DependsOn)
        {
            if (bound[dependency] is { } resource)
            {
                options.DependsOn.Add(resource);
            }
        }
    }
}

/// <summary>What the binder registered, by graph path, and the stack outputs as Pulumi values.</summary>
/// <param name="Resources">Every node's resource (null for a pre-bound default provider).</param>
/// <param name="Options">The options each node was registered with (pre-bound nodes have none).</param>
/// <param name="StackOutputs">The graph's stack outputs, ready to return from the program.</param>
public sealed record BoundGraph(
    IReadOnlyDictionary<string, Resource?> Resources,
    IReadOnlyDictionary<string, ResourceOptions> Options,
    IDictionary<string, object?> StackOutputs)
{
    /// <summary>
    /// A value that describes what this binding registered, as an output that depends on every
    /// resource it registered (not the pre-bound ones). <c>Output.Create(value)</c> would carry no
    /// dependency, so a consumer fed a bucket's name could race the bucket's creation; an output
    /// derived from the resources' URNs makes the consumer wait for them.
    /// </summary>
    public Output<T> Describing<T>(T value)
    {
        var urns = Options.Keys.Order(StringComparer.Ordinal).Select(path => Resources[path]).OfType<Resource>().Select(r => r.Urn).ToArray();
        return urns.Length == 0 ? Output.Create(value) : Output.All(urns).Apply(_ => value);
    }
}
