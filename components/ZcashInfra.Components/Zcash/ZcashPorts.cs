namespace ZcashInfra.Components.Zcash;

/// <summary>
/// Every port a Zcash node listens on, per network and implementation: the one place a port number
/// is written. Sources: zebra <c>zebra-network/src/config.rs</c>
/// (P2P ports), Zebra book <c>user/health.md</c> and <c>user/metrics.md</c>, zcash <c>src/chainparams.cpp</c> and <c>src/chainparamsbase.cpp</c>.
/// </summary>
public static class ZcashPorts
{
    /// <summary>Zebra's health endpoint (<c>/healthy</c>, <c>/ready</c>): off by default, 8080 in Zebra's docs.</summary>
    public const int ZebraHealth = 8080;

    /// <summary>Zebra's Prometheus metrics endpoint: off by default, 9999 by convention.</summary>
    public const int ZebraMetrics = 9999;

    private const int MainnetP2p = 8233;
    private const int TestnetP2p = 18233;
    private const int ZcashdRegtestP2p = 18344;
    private const int MainnetRpc = 8232;
    private const int TestnetRpc = 18232;

    /// <summary>
    /// The peer-to-peer port: 8233 on mainnet, 18233 on testnet; on regtest zebrad keeps 18233 and
    /// zcashd uses 18344.
    /// </summary>
    public static int P2p(Network network, NodeImplementation implementation) => network switch
    {
        Network.Mainnet => MainnetP2p,
        Network.Testnet => TestnetP2p,
        Network.Regtest => implementation == NodeImplementation.Zcashd ? ZcashdRegtestP2p : TestnetP2p,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>
    /// The JSON-RPC port: 8232 on mainnet, 18232 on testnet and regtest (zcashd's defaults; zebrad
    /// has no default and uses the same numbers by convention).
    /// </summary>
    public static int Rpc(Network network) => network == Network.Mainnet ? MainnetRpc : TestnetRpc;
}
