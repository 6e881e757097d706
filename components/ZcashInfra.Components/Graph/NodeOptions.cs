using System.Collections.Immutable;

namespace ZcashInfra.Components.Graph;

/// <summary>
/// Resource options as data. Every field maps one-to-one onto a Pulumi resource option; the parent
/// is not here because it is part of the node's position in the graph.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>Nothing set: Pulumi's defaults.</summary>
    public static readonly NodeOptions None = new();

    /// <summary>Graph paths of nodes that must be created first.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Graph path of the explicit provider resource to use, or null for the default provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Refuse to delete the resource (Pulumi <c>protect</c>).</summary>
    public bool Protect { get; init; }

    /// <summary>Leave the cloud object in place when the resource is deleted from the stack.</summary>
    public bool RetainOnDelete { get; init; }

    /// <summary>Delete the old object before creating its replacement (for unique physical names).</summary>
    public bool DeleteBeforeReplace { get; init; }

    /// <summary>Input properties whose drift is ignored.</summary>
    public ImmutableArray<string> IgnoreChanges { get; init; } = [];

    /// <summary>How long the engine waits for a create, update or delete. Default: none (the provider's own limits).</summary>
    public GraphTimeouts? CustomTimeouts { get; init; }

    /// <summary>Options for state that must survive a mistaken delete: protected and retained.</summary>
    public static NodeOptions ProtectState(bool protect) => new() { Protect = protect, RetainOnDelete = protect };
}
