using System.Collections.Immutable;
using Pulumi;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Infra.Binding;

/// <summary>
/// The graph a typed component wrapper declares its children in. Resources the caller already has
/// (its providers, what the component must wait for) enter the fragment as stand-in nodes that are
/// never registered: binding maps each to the caller's resource, and the fragment's own component
/// node to the wrapper itself, so the children land under it.
/// </summary>
public sealed class ComponentFragment
{
    /// <summary>The stand-ins' type token for dependencies (never registered).</summary>
    public const string DependencyType = "zcash-infra:index:ExternalDependency";

    private readonly GraphBuilder _builder = new(Deployment.Instance.StackName);
    private readonly Dictionary<string, Resource?> _existing = new(StringComparer.Ordinal);
    private readonly string _name;

    /// <summary>Starts the fragment of the component named <paramref name="name"/>.</summary>
    public ComponentFragment(string name)
    {
        _name = name;
    }

    /// <summary>Where the component's Declare registers.</summary>
    public GraphScope Root => _builder.Root;

    /// <summary>A provider node standing for <paramref name="provider"/> (null: the program's default provider for the package).</summary>
    public string Provider(string package, ProviderResource? provider)
    {
        var path = Root.Resource(TypeTokens.ProviderPrefix + package, $"{_name}-{package}-provider", []);
        _existing[path] = provider;
        return path;
    }

    /// <summary>Stand-ins for resources the component must wait for; their paths go into its dependsOn.</summary>
    public ImmutableArray<string> Dependencies(IReadOnlyList<Resource> resources)
    {
        var paths = ImmutableArray.CreateBuilder<string>(resources.Count);
        for (var i = 0; i < resources.Count; i++)
        {
            var path = Root.Component(DependencyType, $"{_name}-dependency-{i}").Path!;
            _existing[path] = resources[i];
            paths.Add(path);
        }

        return paths.ToImmutable();
    }

    /// <summary>Registers the fragment's nodes under <paramref name="component"/>, which stands for the node at <paramref name="componentPath"/>.</summary>
    public BoundGraph BindUnder(GraphComponentResource component, string componentPath)
    {
        _existing[componentPath] = component;
        return GraphBinder.Bind(_builder.Build(), preBound: _existing);
    }
}
