namespace ZcashInfra.Components.Zcash;

/// <summary>
/// The one rule about zcashd on mainnet, used by every check that meets it (node sets, snapshot
/// jobs, and the stack settings that declare them): zcashd is end-of-life there, so it runs only
/// as Zebra's compat sidecar, and no snapshot is cut with it.
/// </summary>
public static class ZcashdEndOfLife
{
    /// <summary>The problem, as every check states it (each adds what to do instead).</summary>
    public const string Problem = "zcashd is end-of-life on mainnet (it halts at height 3,417,100)";

    /// <summary>
    /// True when <paramref name="implementation"/> on <paramref name="network"/> breaks the rule:
    /// zcashd on mainnet, unless it runs as Zebra's compat sidecar (<paramref name="compatSidecar"/>).
    /// </summary>
    public static bool Forbids(Network network, NodeImplementation implementation, bool compatSidecar = false) =>
        network == Network.Mainnet && implementation == NodeImplementation.Zcashd && !compatSidecar;
}
