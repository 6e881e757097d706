namespace ZcashInfra.Components.Zcash;

/// <summary>What a <see cref="NodeRelease"/> is run for: the rules differ a little (zcashd on mainnet, what a wrong database major breaks).</summary>
public enum NodeReleaseUse
{
    /// <summary>The nodes of a node set (or an ephemeral environment's node).</summary>
    NodeSet,

    /// <summary>The node a snapshot job runs to cut the state other nodes restore.</summary>
    SnapshotCut,
}
