using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// Everything <c>validate</c> checks after the settings: every Kubernetes object against its
/// schema, every cloud resource against its provider index, every policy.
/// </summary>
/// <param name="schemaFolder">The schema folder.</param>
/// <param name="preparedCache">Where prepared schemas are kept between runs (see <see cref="KubernetesSchemas"/>), or null.</param>
public sealed class GraphValidator(string schemaFolder, string? preparedCache = null)
{
    private readonly ProviderIndex _providers = new(schemaFolder);

    /// <summary>The schema folder in use.</summary>
    public string SchemaFolder { get; } = schemaFolder;

    /// <summary>
    /// All findings, schema and index checks first, then policies, then — when the stack states what
    /// the cluster provides — the cluster prerequisites the graph needs and the stack does not state.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="tier">Development or production.</param>
    /// <param name="policies">The policies to run. Default: <see cref="PolicySet.All"/>.</param>
    /// <param name="protectState">Whether the stack protects its state. Default: production stacks do.</param>
    /// <param name="clusterProvides">What the stack says its cluster has (<c>cluster.provides</c>); null skips the prerequisite check.</param>
    public IReadOnlyList<Finding> Validate(ResourceGraph graph, EnvironmentTier tier, IEnumerable<IPolicy>? policies = null, bool? protectState = null, IReadOnlySet<string>? clusterProvides = null) =>
        Run(graph, tier, policies, protectState, clusterProvides).Findings;

    /// <summary>All findings, and what was checked.</summary>
    public (IReadOnlyList<Finding> Findings, ValidationCoverage Coverage) Run(ResourceGraph graph, EnvironmentTier tier, IEnumerable<IPolicy>? policies = null, bool? protectState = null, IReadOnlySet<string>? clusterProvides = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var findings = new List<Finding>();
        var kubernetes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var cloud = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        int providers = 0, remote = 0;

        // Tekton objects are checked against the CRDs of the releases this graph installs.
        var tekton = TektonSchemaPins.Of(graph);
        findings.AddRange(MissingTektonSchemas(graph, tekton));
        var schemas = new KubernetesSchemas(SchemaFolder, preparedCache, tekton);
        schemas.Preload(graph.Resources
            .Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (n.Inputs["apiVersion"]?.ToString() ?? string.Empty, n.Inputs["kind"]?.ToString() ?? string.Empty)));
        foreach (var node in graph.Nodes)
        {
            if (node.Kind == NodeKind.Component)
            {
                if (TypeTokens.IsRemoteComponent(node.Type))
                {
                    remote++;
                    findings.AddRange(CheckRemoteComponent(node).Select(m => new Finding("provider-index", node.Path, m)));
                }

                continue;
            }

            if (TypeTokens.IsProvider(node.Type))
            {
                providers++;
                findings.AddRange(_providers.Validate(node).Select(m => new Finding("provider-index", node.Path, m)));
            }
            else if (node.Package == "kubernetes")
            {
                var plain = (JsonObject)InputTree.ToPlainJson(node.Inputs)!;
                findings.AddRange(CheckToken(node, plain).Select(m => new Finding("schema", node.Path, m)));
                findings.AddRange(schemas.Validate(plain).Select(m => new Finding("schema", node.Path, m)));
                var apiVersion = plain["apiVersion"]?.GetValue<string>() ?? string.Empty;
                var kind = plain["kind"]?.GetValue<string>() ?? string.Empty;
                var set = schemas.Locate(apiVersion, kind) is { } location ? Path.GetDirectoryName(location.File)!.Replace('\\', '/') : "(no schema)";
                kubernetes[set] = kubernetes.GetValueOrDefault(set) + 1;

                // A kind outside the built-in schema set is a custom resource: its CRD is a prerequisite.
                if (set != KubernetesSchemas.KubernetesSet && apiVersion.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
                {
                    groups.Add(apiVersion[..slash]);
                }
            }
            else
            {
                var index = ProviderIndex.IndexFile(node.Package) ?? $"(no index for {node.Package})";
                cloud[index] = cloud.GetValueOrDefault(index) + 1;
                findings.AddRange(_providers.Validate(node).Select(m => new Finding("provider-index", node.Path, m)));
            }
        }

        var ran = (policies ?? PolicySet.All).ToList();
        var context = new PolicyContext(graph, tier);
        findings.AddRange(PolicySet.Evaluate(protectState is { } protect ? context with { ProtectState = protect } : context, ran));
        if (clusterProvides is not null)
        {
            findings.AddRange(ClusterPrerequisite.Missing(graph, clusterProvides));
        }

        var coverage = new ValidationCoverage(
            kubernetes.ToImmutableSortedDictionary(StringComparer.Ordinal),
            cloud.ToImmutableSortedDictionary(StringComparer.Ordinal),
            providers,
            remote,
            [.. ran.Select(p => p.Id)],
            [.. groups]);
        return (findings, coverage);
    }

    /// <summary>A pinned Tekton release with no schema set: named once, before its objects' own "no schema" errors.</summary>
    private IEnumerable<Finding> MissingTektonSchemas(ResourceGraph graph, TektonSchemaPins tekton)
    {
        var path = graph.Nodes.FirstOrDefault(n => n.Type == Tekton.TektonComponent.Type)?.Path ?? string.Empty;
        foreach (var (release, set) in new[] { ($"Tekton Pipelines {tekton.Pipelines}", tekton.PipelineSet), ($"Tekton Triggers {tekton.Triggers}", tekton.TriggersSet) })
        {
            if (!Directory.Exists(Path.Combine(SchemaFolder, set)))
            {
                yield return new Finding("schema", path,
                    $"{release} is pinned but {SchemaFolder} has no {set}: its objects cannot be checked against that release's CRDs (add that release's CRDs there first)");
            }
        }
    }

    /// <summary>
    /// Provider-side components are not in the provider index (they are not resources); their input
    /// shapes are small and fixed, so they are checked here: unknown and missing inputs.
    /// </summary>
    private static IEnumerable<string> CheckRemoteComponent(GraphNode node)
    {
        if (!RemoteComponentInputs.TryGetValue(node.Type, out var shape))
        {
            yield return $"no input shape is known for the provider-side component {node.Type}; add it before rendering one";
            yield break;
        }

        foreach (var (name, _) in node.Inputs)
        {
            if (!shape.Known.Contains(name))
            {
                yield return $"{name}: unknown input (known: {string.Join(", ", shape.Known.Order(StringComparer.Ordinal))})";
            }
        }

        foreach (var required in shape.Required.Where(r => node.Inputs[r] is null))
        {
            yield return $"{required}: required input is missing";
        }
    }

    private static readonly Dictionary<string, (HashSet<string> Known, string[] Required)> RemoteComponentInputs = new(StringComparer.Ordinal)
    {
        ["kubernetes:yaml/v2:ConfigFile"] = (["file", "resourcePrefix", "skipAwait"], ["file"]),
        ["kubernetes:yaml/v2:ConfigGroup"] = (["files", "yaml", "objs", "resourcePrefix", "skipAwait"], []),
    };

    /// <summary>The type token must name the object's own apiVersion and kind, or Pulumi registers something else.</summary>
    private static IEnumerable<string> CheckToken(GraphNode node, JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? string.Empty;
        var kind = manifest["kind"]?.GetValue<string>() ?? string.Empty;
        var expected = KubernetesObjects.TypeToken(apiVersion, kind);

        // A server-side-apply patch carries the patched object's apiVersion and kind.
        if (node.Type != expected && node.Type != expected + KubernetesObjects.PatchSuffix)
        {
            yield return $"type token {node.Type} does not match apiVersion {apiVersion} kind {kind} (expected {expected})";
        }
    }
}
