using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Tests.Support;

/// <summary>Finding Kubernetes objects in a graph by kind and name, as plain JSON.</summary>
internal static class Manifests
{
    public static JsonObject Object(this ResourceGraph graph, string kind, string name, string? ns = null) =>
        graph.Objects(kind).Single(o => o["metadata"]!["name"]!.GetValue<string>() == name
            && (ns is null || o["metadata"]?["namespace"]?.GetValue<string>() == ns));

    public static IEnumerable<JsonObject> Objects(this ResourceGraph graph, string kind) =>
        graph.Resources
            .Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (JsonObject)InputTree.ToPlainJson(n.Inputs)!)
            .Where(o => o["kind"]?.GetValue<string>() == kind);

    public static GraphNode Node(this ResourceGraph graph, string kind, string name, string? ns = null) =>
        graph.Resources.Single(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)
            && n.Inputs["kind"]?.GetValue<string>() == kind && n.Inputs["metadata"]?["name"]?.GetValue<string>() == name
            && (ns is null || n.Inputs["metadata"]?["namespace"]?.GetValue<string>() == ns));

    public static IEnumerable<string> Strings(this JsonNode? array) =>
        (array as JsonArray ?? []).Select(v => v!.GetValue<string>());
}
