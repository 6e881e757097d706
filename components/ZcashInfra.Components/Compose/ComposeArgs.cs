using ZcashInfra.Components.NodeSet;

namespace ZcashInfra.Components.Compose;

/// <summary>One node set of a stack, as the Compose render sees it: the same arguments the cluster render gets.</summary>
/// <param name="Name">The node set's name (the StatefulSet's in the cluster, the node service's in Compose).</param>
/// <param name="Args">The node set's arguments.</param>
public sealed record ComposeNodeSet(string Name, NodeSetArgs Args);

/// <summary>Arguments of <see cref="ComposeProject"/>: a stack's node sets as a Compose file for one machine.</summary>
public sealed record ComposeArgs
{
    /// <summary>The Compose project name (volume and container names are prefixed with it). Required.</summary>
    public required string Project { get; init; }

    /// <summary>The node sets, in the stack's order (the first to claim a host port keeps its number). Required.</summary>
    public required IReadOnlyList<ComposeNodeSet> NodeSets { get; init; }

    /// <summary>Render mainnet sets too (hundreds of GB, hours to days). Default false: a mainnet set is refused.</summary>
    public bool IncludeMainnet { get; init; }
}
