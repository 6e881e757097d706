namespace ZcashInfra.Components.Graph;

/// <summary>
/// A leaf in a resource's inputs (or a component's outputs) that stands for an output property of
/// another resource in the graph, known only after that resource is created. Physical names are
/// decided from settings, so most references are plain strings; this is for the few values that
/// only the cloud knows.
/// </summary>
/// <param name="ResourcePath">Graph path of the resource whose output is meant.</param>
/// <param name="OutputName">The provider's name for the output property (e.g. <c>id</c>, <c>arn</c>).</param>
public sealed record OutputReference(string ResourcePath, string OutputName)
{
    /// <summary>How renders show the reference: Pulumi's interpolation shape, never a value.</summary>
    public override string ToString() => "${" + ResourcePath + "." + OutputName + "}";
}
