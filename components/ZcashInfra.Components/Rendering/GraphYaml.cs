using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Yaml;

namespace ZcashInfra.Components.Rendering;

/// <summary>The YAML render: the same document as <see cref="GraphJson"/>, easier to read in a review.</summary>
public static class GraphYaml
{
    /// <summary>Renders the graph as one YAML document.</summary>
    public static string Render(ResourceGraph graph) => YamlJson.ToYaml(GraphJson.ToJson(graph));
}
