using System.Collections.Immutable;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// What one validation run checked, so a reviewer knows what a green result means: how many
/// Kubernetes objects against which schema set, how many cloud resources against which provider
/// index, which policies ran, and the prerequisites nothing offline can check.
/// </summary>
/// <param name="KubernetesObjects">Objects checked, per schema set (a folder of the schema folder).</param>
/// <param name="CloudResources">Cloud resources checked, per provider index file.</param>
/// <param name="ProviderConfigurations">Explicit provider resources whose settings were checked.</param>
/// <param name="RemoteComponents">Provider-side components (ConfigFile, …) whose inputs were checked.</param>
/// <param name="Policies">The ids of the policies that ran.</param>
/// <param name="CustomResourceGroups">API groups of custom resources in the graph: their CRDs must be in the cluster at <c>pulumi up</c>.</param>
public sealed record ValidationCoverage(
    ImmutableSortedDictionary<string, int> KubernetesObjects,
    ImmutableSortedDictionary<string, int> CloudResources,
    int ProviderConfigurations,
    int RemoteComponents,
    ImmutableArray<string> Policies,
    ImmutableArray<string> CustomResourceGroups)
{
    /// <summary>The lines <c>validate</c> prints.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"{KubernetesObjects.Values.Sum()} Kubernetes objects against their schemas: " +
            string.Join(", ", KubernetesObjects.Select(kv => $"{kv.Value} × {kv.Key}"));
        yield return $"{CloudResources.Values.Sum()} cloud resources against the provider indexes: " +
            (CloudResources.IsEmpty ? "none" : string.Join(", ", CloudResources.Select(kv => $"{kv.Value} × {kv.Key}")));
        yield return $"{ProviderConfigurations} provider configurations and {RemoteComponents} provider-side components against their known inputs";
        yield return $"{Policies.Length} policies: {string.Join(", ", Policies)}";
        yield return CustomResourceGroups.IsEmpty
            ? "prerequisites: none (no custom resources)"
            : $"prerequisites not checkable offline: the CRDs of {string.Join(", ", CustomResourceGroups)} must be served by the cluster when `pulumi up` creates these objects";
    }
}
