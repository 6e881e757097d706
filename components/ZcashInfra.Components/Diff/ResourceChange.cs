using System.Collections.Immutable;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Diff;

/// <summary>One node of a stack and what the change does to it.</summary>
/// <param name="Kind">Added, removed, changed, replaced, moved or unchanged.</param>
/// <param name="Path">Graph path after the change (before it, for a removed node).</param>
/// <param name="Parent">Parent path on the same side as <paramref name="Path"/>.</param>
/// <param name="Type">Type token (after the change, or before it for a removed node).</param>
/// <param name="Name">Logical name.</param>
/// <param name="NodeKind">Component or resource.</param>
/// <param name="PreviousPath">Where the node was before, when that differs from <paramref name="Path"/> (moved, or its type changed).</param>
/// <param name="PreviousType">The type token before, when it differs.</param>
/// <param name="ReplaceReasons">Why Pulumi would replace it (empty unless replaced or moved).</param>
/// <param name="Properties">Property-level differences, in document order (all inputs for added and removed nodes).</param>
/// <param name="PodEffect">What the change does to a workload's running pods, in one phrase (see <see cref="PodEffects"/>), or null.</param>
public sealed record ResourceChange(
    ChangeKind Kind,
    string Path,
    string? Parent,
    string Type,
    string Name,
    NodeKind NodeKind,
    string? PreviousPath,
    string? PreviousType,
    ImmutableArray<string> ReplaceReasons,
    ImmutableArray<PropertyChange> Properties,
    string? PodEffect = null)
{
    /// <summary>True when Pulumi would delete and recreate the node.</summary>
    public bool IsReplacement => Kind is ChangeKind.Replaced or ChangeKind.Moved;
}
