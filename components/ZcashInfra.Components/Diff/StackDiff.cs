using System.Collections.Immutable;

namespace ZcashInfra.Components.Diff;

/// <summary>The difference between a stack's base and its change: every node, in a deterministic order.</summary>
/// <param name="Stack">The stack name.</param>
/// <param name="Entries">
/// Every node of either side exactly once, unchanged ones included, in the change's registration
/// order; a removed node follows the node that preceded it in the base.
/// </param>
/// <param name="Outputs">Stack outputs that differ.</param>
/// <param name="UncomparedSecrets">
/// Secret inputs present on both sides whose change cannot be seen: at least one side came from a
/// rendered file, which carries <c>[secret]</c> and no fingerprint.
/// </param>
/// <param name="BeforeExists">False when the base has no such stack (everything is added).</param>
/// <param name="AfterExists">False when the change deletes the stack's configuration (everything is removed).</param>
public sealed record StackDiff(
    string Stack,
    ImmutableArray<ResourceChange> Entries,
    ImmutableArray<PropertyChange> Outputs,
    int UncomparedSecrets,
    bool BeforeExists = true,
    bool AfterExists = true)
{
    /// <summary>The entries Pulumi would act on, in order.</summary>
    public IEnumerable<ResourceChange> Changes => Entries.Where(e => e.Kind != ChangeKind.Unchanged);

    /// <summary>The entries Pulumi would delete and recreate, in order.</summary>
    public IEnumerable<ResourceChange> Replacements => Entries.Where(e => e.IsReplacement);

    /// <summary>True when anything (a node or a stack output) differs.</summary>
    public bool HasChanges => Changes.Any() || !Outputs.IsEmpty;

    /// <summary>How many entries are of a kind.</summary>
    public int Count(ChangeKind kind) => Entries.Count(e => e.Kind == kind);
}
