using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// Everything <c>validate</c> checks after the settings: every Kubernetes object against its
/// schema, every cloud resource against its provider index, every policy.
/// </summary>
public sealed class GraphValidator(string schemaFolder)
{
    private readonly KubernetesSchemas _kubernetes = new(schemaFolder);
    private readonly ProviderIndex _providers = new(schemaFolder);

    /// <summary>The schema folder in use.</summary>
    public string SchemaFolder { get; } = schemaFolder;

    /// <summary>All findings, schema and index checks first, then policies.</summary>
    public IReadOnlyList<Finding> Validate(ResourceGraph graph, EnvironmentTier tier, IEnumerable<IPolicy>? policies = null)
    {
        var findings = new List<Finding>();
        foreach (var node in graph.Nodes)
        {
            if (node.Kind == NodeKind.Component)
            {
                continue;
            }

            if (node.Package == "kubernetes" && !TypeTokens.IsProvider(node.Type))
            {
                var plain = (JsonObject)InputTree.ToPlainJson(node.Inputs)!;
                findings.AddRange(CheckToken(node, plain).Select(m => new Finding("schema", node.Path, m)));
                findings.AddRange(_kubernetes.Validate(plain).Select(m => new Finding("schema", node.Path, m)));
            }
            else
            {
                findings.AddRange(_providers.Validate(node).Select(m => new Finding("provider-index", node.Path, m)));
            }
        }

        findings.AddRange(PolicySet.Evaluate(new PolicyContext(graph, tier), policies));
        return findings;
    }

    /// <summary>The type token must name the object's own apiVersion and kind, or Pulumi registers something else.</summary>
    private static IEnumerable<string> CheckToken(GraphNode node, JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? string.Empty;
        var kind = manifest["kind"]?.GetValue<string>() ?? string.Empty;
        var expected = $"kubernetes:{(apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "core/" + apiVersion)}:{kind}";
        if (node.Type != expected)
        {
            yield return $"type token {node.Type} does not match apiVersion {apiVersion} kind {kind} (expected {expected})";
        }
    }
}
