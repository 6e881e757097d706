using Pulumi;
using ZcashInfra.Components.Graph;
using ZcashInfra.Infra.Binding;
using ZcashInfra.Infra.Configuration;
using ZcashInfra.Stacks;

namespace ZcashInfra.Infra;

/// <summary>The Pulumi program: settings from Config, the environment declared, the graph registered.</summary>
public static class ZcashStack
{
    /// <summary>
    /// Declares the current stack. Settings are validated and the whole graph is built and checked
    /// before the first resource is registered, so a bad configuration registers nothing.
    /// </summary>
    public static IDictionary<string, object?> Declare()
    {
        var settings = PulumiStackSettings.Read().GetOrThrow();
        var graph = ZcashEnvironment.Declare(Deployment.Instance.StackName, settings);
        GraphBinder.Check(graph);
        return GraphBinder.Bind(graph).StackOutputs;
    }

    /// <summary>Declares a graph built elsewhere (tests, other programs).</summary>
    public static IDictionary<string, object?> Declare(ResourceGraph graph) => GraphBinder.Bind(graph).StackOutputs;
}
