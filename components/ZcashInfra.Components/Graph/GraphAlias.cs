namespace ZcashInfra.Components.Graph;

/// <summary>
/// A previous identity of a node, so that renaming or re-parenting it is a move, not a
/// replacement. Unset fields mean "same as now", as in Pulumi's <c>Alias</c>.
/// </summary>
/// <param name="Name">The old logical name.</param>
/// <param name="Type">The old type token.</param>
/// <param name="ParentPath">The old parent's graph path.</param>
/// <param name="NoParent">True when the node used to have no parent.</param>
public sealed record GraphAlias(string? Name = null, string? Type = null, string? ParentPath = null, bool NoParent = false);
