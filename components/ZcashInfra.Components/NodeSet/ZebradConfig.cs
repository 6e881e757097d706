using System.Globalization;
using System.Text;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// Renders <c>zebrad.toml</c> from a node set's settings. Only keys zebrad knows are written
/// (it rejects unknown ones). Sources: FACTS.md (zebrad.toml keys, health endpoint settings).
/// </summary>
internal static class ZebradConfig
{
    private const string AnyAddress = "0.0.0.0";

    public static string Render(NodeSetPlan plan)
    {
        var toml = new StringBuilder();
        toml.Append("# zebrad.toml for node set ").Append(plan.Name).Append(", rendered by zcash-infra from the stack settings (edit those, not this).\n\n");

        toml.Append("[network]\n");
        toml.Append("network = ").Append(Quote(NetworkName(plan.Network))).Append('\n');
        toml.Append("listen_addr = ").Append(Quote(Address(plan.P2pPort))).Append('\n');
        if (plan.Network != Network.Regtest)
        {
            // Setting the list replaces zebrad's defaults, so the public seeders are part of it.
            var key = plan.Network == Network.Mainnet ? "initial_mainnet_peers" : "initial_testnet_peers";
            toml.Append(key).Append(" = [\n");
            foreach (var peer in plan.InitialPeers)
            {
                toml.Append("    ").Append(Quote(peer)).Append(",\n");
            }

            toml.Append("]\n");
        }

        toml.Append("\n[state]\n");
        toml.Append("cache_dir = ").Append(Quote(NodeImages.ZebraCacheDir)).Append('\n');

        toml.Append("\n[health]\n");
        toml.Append("listen_addr = ").Append(Quote(Address(ZcashPorts.ZebraHealth))).Append('\n');

        // A regtest node has no peers to count; with the default of 1 it would never be healthy.
        toml.Append("min_connected_peers = ").Append(plan.Network == Network.Regtest ? 0 : 1).Append('\n');

        if (plan.Metrics)
        {
            toml.Append("\n[metrics]\n");
            toml.Append("endpoint_addr = ").Append(Quote(Address(ZcashPorts.ZebraMetrics))).Append('\n');
        }

        if (plan.Args.Rpc)
        {
            // zebrad's only RPC credential is a cookie regenerated on every start, which no client
            // outside the pod can read; access is limited by the NetworkPolicy to labelled clients.
            toml.Append("\n[rpc]\n");
            toml.Append("listen_addr = ").Append(Quote(Address(plan.RpcPort))).Append('\n');
            toml.Append("enable_cookie_auth = false\n");
        }

        toml.Append("\n[tracing]\n");
        toml.Append("use_color = false\n");
        return toml.ToString();
    }

    /// <summary>zebrad's spelling of a network in <c>[network] network</c>.</summary>
    public static string NetworkName(Network network) => network.ToString();

    private static string Address(int port) => $"{AnyAddress}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
