using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Policies;

/// <summary>The Kubernetes objects of a graph as plain JSON (secrets masked), for policies that read them.</summary>
internal static class KubernetesManifests
{
    /// <summary>Every Kubernetes object (not providers, not provider-side components) with its node.</summary>
    public static IEnumerable<(GraphNode Node, JsonObject Manifest)> In(ResourceGraph graph) =>
        graph.Resources
            .Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (n, InputTree.ToPlainJson(n.Inputs) as JsonObject))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.n, x.Item2!));
}
