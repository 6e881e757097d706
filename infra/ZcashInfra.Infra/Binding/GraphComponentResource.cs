using Pulumi;

namespace ZcashInfra.Infra.Binding;

/// <summary>A component of the graph: a ComponentResource whose outputs the binder registers once its children exist.</summary>
public class GraphComponentResource : ComponentResource
{
    /// <summary>Registers the component.</summary>
    public GraphComponentResource(string type, string name, ComponentResourceOptions? options)
        : base(type, name, options)
    {
    }

    /// <summary>Registers the component's outputs (RegisterOutputs is protected in the SDK).</summary>
    internal void Complete(IDictionary<string, object?> outputs) => RegisterOutputs(outputs);
}
