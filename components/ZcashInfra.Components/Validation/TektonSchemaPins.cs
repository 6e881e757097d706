using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Tekton;

namespace ZcashInfra.Components.Validation;

/// <summary>
/// The Tekton releases whose CRD schemas Tekton objects are checked against: the releases the
/// stack installs, so a different pin is checked against its own schemas (or fails for want of
/// them) instead of passing against another release's.
/// </summary>
/// <param name="Pipelines">Tekton Pipelines release tag.</param>
/// <param name="Triggers">Tekton Triggers release tag.</param>
public sealed record TektonSchemaPins(string Pipelines, string Triggers)
{
    /// <summary>The default releases (<see cref="TektonReleases"/>), used where the graph installs no Tekton.</summary>
    public static readonly TektonSchemaPins Default = new(TektonReleases.DefaultPipelines, TektonReleases.DefaultTriggers);

    /// <summary>The Pipelines schema set, relative to the schema folder.</summary>
    public string PipelineSet => $"tekton/pipeline-{Pipelines}";

    /// <summary>The Triggers schema set, relative to the schema folder.</summary>
    public string TriggersSet => $"tekton/triggers-{Triggers}";

    /// <summary>The releases the graph's Tekton component installs (its outputs), or <see cref="Default"/> without one.</summary>
    public static TektonSchemaPins Of(ResourceGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var tekton = graph.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Component && n.Type == Tekton.TektonComponent.Type);
        if (tekton is null)
        {
            return Default;
        }

        string Output(string name, string fallback) =>
            tekton.Outputs.FirstOrDefault(o => o.Name == name)?.Value?.ToString() ?? fallback;
        return new(Output("pipelinesVersion", Default.Pipelines), Output("triggersVersion", Default.Triggers));
    }
}
