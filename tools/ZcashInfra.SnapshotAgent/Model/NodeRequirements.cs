namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>What the node that will use a restored state needs from a snapshot.</summary>
/// <param name="Network">Lower-case network name.</param>
/// <param name="Implementation">zebrad or zcashd.</param>
/// <param name="DbMajor">The node's database major version (zebrad's state version; zcashd's is recorded, and must match too).</param>
/// <param name="Flags">zcashd's index flags; null for zebrad.</param>
public sealed record NodeRequirements(string Network, Implementation Implementation, int DbMajor, ZcashdFlags? Flags);
