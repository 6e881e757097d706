using Pulumi;

namespace ZcashInfra.Infra.Binding;

/// <summary>
/// Every custom resource of the graph: its inputs come from the graph, and no graph input reads
/// another resource's outputs (physical names are decided from settings), so it declares none of
/// its own; <see cref="CustomResource.Id"/> and <see cref="Resource.Urn"/> come from the base.
/// </summary>
public sealed class GraphCustomResource : CustomResource
{
    /// <summary>Registers the resource.</summary>
    public GraphCustomResource(string type, string name, ResourceArgs args, CustomResourceOptions options)
        : base(type, name, args, options)
    {
    }
}
