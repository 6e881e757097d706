using System.Collections.Immutable;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Infra.Binding;

/// <summary>
/// Resources a typed component must wait for but does not own (the namespace its objects live in,
/// created by the calling program). Each becomes a placeholder node in the component's graph
/// fragment, pre-bound to the caller's resource, so the fragment's dependsOn can name it; the
/// binder registers nothing for it.
/// </summary>
internal static class ExternalDependencies
{
    /// <summary>The placeholder nodes' type token (never registered).</summary>
    public const string PlaceholderType = "zcash-infra:index:ExternalDependency";

    /// <summary>Adds one placeholder per resource; returns their paths and the pre-bound entries.</summary>
    public static (ImmutableArray<string> Paths, Dictionary<string, Pulumi.Resource?> PreBound) Add(GraphScope scope, string name, IReadOnlyList<Pulumi.Resource> resources)
    {
        var preBound = new Dictionary<string, Pulumi.Resource?>(StringComparer.Ordinal);
        var paths = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < resources.Count; i++)
        {
            var path = scope.Component(PlaceholderType, $"{name}-dependency-{i}").Path!;
            preBound[path] = resources[i];
            paths.Add(path);
        }

        return (paths.ToImmutable(), preBound);
    }
}
