namespace ZcashInfra.Components.Diff;

/// <summary>What a pull request does to one node of a stack, in Pulumi's terms.</summary>
public enum ChangeKind
{
    /// <summary>Nothing Pulumi would act on.</summary>
    Unchanged,

    /// <summary>A new node: Pulumi creates it.</summary>
    Added,

    /// <summary>A node that is gone: Pulumi deletes it (unless it is retained on delete).</summary>
    Removed,

    /// <summary>Inputs or options differ: Pulumi updates it in place.</summary>
    Changed,

    /// <summary>A property the provider cannot update changed, or the type did: Pulumi deletes and recreates it.</summary>
    Replaced,

    /// <summary>Its parent changed without an alias, so its URN changed: Pulumi deletes and recreates it.</summary>
    Moved,
}
