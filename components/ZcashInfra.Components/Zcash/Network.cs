namespace ZcashInfra.Components.Zcash;

/// <summary>A Zcash network.</summary>
public enum Network
{
    /// <summary>The production chain.</summary>
    Mainnet,

    /// <summary>The public test chain.</summary>
    Testnet,

    /// <summary>A private chain that starts empty; blocks are mined on demand.</summary>
    Regtest,
}

/// <summary>The full-node implementation a node set or snapshot is for.</summary>
public enum NodeImplementation
{
    /// <summary>Zebra, the Zcash Foundation's node: the default for every network.</summary>
    Zebrad,

    /// <summary>zcashd: end-of-life on mainnet; kept for regtest, historical heights and the compat sidecar.</summary>
    Zcashd,
}
