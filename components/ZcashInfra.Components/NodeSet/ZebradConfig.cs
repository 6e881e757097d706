using System.Globalization;
using System.Text;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>What a <c>zebrad.toml</c> is rendered from: a node set's pods, or the snapshot job's node.</summary>
/// <param name="Owner">Who the file is for, named in its header (<c>node set zebra-testnet</c>).</param>
/// <param name="Network">The network.</param>
/// <param name="InitialPeers">Initial peers as <c>host:port</c> (they replace zebrad's defaults).</param>
/// <param name="Metrics">Serve Prometheus metrics.</param>
/// <param name="RpcPort">Serve JSON-RPC on this port; null for none.</param>
internal sealed record ZebradConfigInput(string Owner, Network Network, IReadOnlyList<string> InitialPeers, bool Metrics, int? RpcPort)
{
    /// <summary>A node set's pods.</summary>
    public static ZebradConfigInput For(NodeSetPlan plan) =>
        new($"node set {plan.Name}", plan.Network, plan.InitialPeers, plan.Metrics, plan.Args.Rpc ? plan.RpcPort : null);
}

/// <summary>
/// Renders <c>zebrad.toml</c> for a node set or the snapshot job. Only keys zebrad knows are
/// written (it rejects unknown ones). Sources: FACTS.md (zebrad.toml keys, health endpoint settings).
/// </summary>
internal static class ZebradConfig
{
    private const string AnyAddress = "0.0.0.0";

    public static string Render(NodeSetPlan plan) => Render(ZebradConfigInput.For(plan));

    public static string Render(ZebradConfigInput input)
    {
        var toml = new StringBuilder();
        toml.Append("# zebrad.toml for ").Append(input.Owner).Append(", rendered by zcash-infra from the stack settings (edit those, not this).\n\n");

        toml.Append("[network]\n");
        toml.Append("network = ").Append(Quote(NetworkName(input.Network))).Append('\n');
        toml.Append("listen_addr = ").Append(Quote(Address(ZcashPorts.P2p(input.Network, NodeImplementation.Zebrad)))).Append('\n');
        if (input.Network != Network.Regtest)
        {
            // Setting the list replaces zebrad's defaults, so the public seeders are part of it.
            var key = input.Network == Network.Mainnet ? "initial_mainnet_peers" : "initial_testnet_peers";
            toml.Append(key).Append(" = [\n");
            foreach (var peer in input.InitialPeers)
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
        toml.Append("min_connected_peers = ").Append(input.Network == Network.Regtest ? 0 : 1).Append('\n');

        if (input.Metrics)
        {
            toml.Append("\n[metrics]\n");
            toml.Append("endpoint_addr = ").Append(Quote(Address(ZcashPorts.ZebraMetrics))).Append('\n');
        }

        if (input.RpcPort is { } rpcPort)
        {
            // zebrad's only RPC credential is a cookie regenerated on every start, which no client
            // outside the pod can read; access is limited by the NetworkPolicy to labelled clients.
            toml.Append("\n[rpc]\n");
            toml.Append("listen_addr = ").Append(Quote(Address(rpcPort))).Append('\n');
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
