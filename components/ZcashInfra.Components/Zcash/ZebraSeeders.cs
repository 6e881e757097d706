namespace ZcashInfra.Components.Zcash;

/// <summary>
/// zebrad's default DNS seeders. Setting <c>initial_mainnet_peers</c> / <c>initial_testnet_peers</c>
/// replaces the defaults (zebra <c>zebra-network/src/config.rs</c>), so a node set that adds its in-cluster peers lists these
/// again, or it would only ever see its own pods. Source: zebra <c>zebra-network/src/config.rs</c>
/// (<c>impl Default for Config</c>) at v6.3.0, which added <c>seeder.zec.rocks</c> and
/// <c>seeder.testnet.zec.rocks</c> (zebra v6.3.0 release notes); zebra-network's
/// <c>DEFAULT_MAINNET_PEERS</c> (5) and <c>DEFAULT_TESTNET_PEERS</c> (3) keep those counts in the
/// 7.x crates.
/// </summary>
public static class ZebraSeeders
{
    private static readonly string[] Mainnet = ["dnsseed.str4d.xyz", "dnsseed.z.cash", "mainnet.seeder.shieldedinfra.net", "mainnet.seeder.zfnd.org", "seeder.zec.rocks"];
    private static readonly string[] Testnet = ["dnsseed.testnet.z.cash", "seeder.testnet.zec.rocks", "testnet.seeder.zfnd.org"];

    /// <summary>The public seeders of a network as <c>host:port</c>; none on regtest.</summary>
    public static IReadOnlyList<string> For(Network network)
    {
        var hosts = network switch
        {
            Network.Mainnet => Mainnet,
            Network.Testnet => Testnet,
            _ => [],
        };
        var port = ZcashPorts.P2p(network, NodeImplementation.Zebrad);
        return [.. hosts.Select(h => $"{h}:{port}")];
    }
}
