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
/// written (it rejects unknown ones). Sources: zebra <c>zebrad/src/config.rs</c>
/// (keys), <c>zebrad/src/components/health/config.rs</c> (health endpoint settings).
/// </summary>
internal static class ZebradConfig
{
    /// <summary>
    /// <c>[health] ready_max_tip_age</c>: <c>/ready</c> fails once the newest block is older than
    /// this (zebra <c>zebrad/src/components/health.rs</c>; a humantime duration,
    /// <c>zebrad/src/components/health/config.rs</c>, default 5 minutes). Block gaps are roughly
    /// exponential around the target spacing, and each gap longer than the limit turns every replica
    /// NotReady together (the RPC Service empties). At mainnet's 25 s (<see cref="ChainTiming.TipSpacing"/>,
    /// since NU7) the default is passed about 8 times a year; at 75 s (before NU7, or a third of the
    /// hash rate) about 21 times a day. 30 minutes is 72 target gaps (24 at 75 s): no slow block
    /// passes it in practice, and it still catches a node that stopped following the chain; how far
    /// behind a node is stays with <c>ready_max_blocks_behind</c>.
    /// </summary>
    public static readonly TimeSpan ReadyMaxTipAge = TimeSpan.FromMinutes(30);

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
        toml.Append("ready_max_tip_age = ").Append(Quote(HumanTime(ReadyMaxTipAge))).Append('\n');

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

    /// <summary>A duration as humantime writes it (<c>30m</c>), the format zebrad's health config reads.</summary>
    internal static string HumanTime(TimeSpan span) =>
        span.TotalMinutes == Math.Floor(span.TotalMinutes)
            ? span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + "m"
            : span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";

    private static string Address(int port) => $"{AnyAddress}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
