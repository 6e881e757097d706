namespace ZcashInfra.Components.Graph;

/// <summary>What a graph node becomes when it is registered.</summary>
public enum NodeKind
{
    /// <summary>A component resource: a named group of children (ours, or provider-side).</summary>
    Component,

    /// <summary>A custom resource managed by a provider plugin (including provider resources themselves).</summary>
    Resource,
}
