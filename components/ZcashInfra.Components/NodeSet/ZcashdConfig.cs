using System.Globalization;
using System.Text;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// Renders <c>zcash.conf</c> from a node set's settings. The RPC password is never written here:
/// the config step appends it inside the pod from a mounted Secret.
/// Sources: FACTS.md (zcashd network flags, compat sidecar flags).
/// </summary>
internal static class ZcashdConfig
{
    /// <summary>zcashd refuses to start without this acknowledgement since its deprecation.</summary>
    public const string DeprecationAcknowledgement = "i-am-aware-zcashd-will-be-replaced-by-zebrad-and-zallet-in-2025=1";

    /// <summary>The RPC user name when a password is configured (user names are not secret).</summary>
    public const string RpcUser = "zcash";

    public static string Render(NodeSetPlan plan)
    {
        var conf = new StringBuilder();
        conf.Append("# zcash.conf for node set ").Append(plan.Name).Append(", rendered by zcash-infra from the stack settings (edit those, not this).\n");
        Line(conf, DeprecationAcknowledgement);
        switch (plan.Network)
        {
            case Network.Testnet:
                Line(conf, "testnet=1");
                break;
            case Network.Regtest:
                Line(conf, "regtest=1");
                break;
        }

        Line(conf, "printtoconsole=1");
        Line(conf, "port=" + Number(plan.P2pPort));
        if (plan.CompatUpstream is { } upstream)
        {
            // Zebra's compat sidecar: exactly one peer, the zebrad set; no listening, no seeding.
            Line(conf, "connect=" + upstream);
            Line(conf, "listen=0");
            Line(conf, "dnsseed=0");
        }
        else
        {
            Line(conf, "listen=1");
            foreach (var peer in plan.InitialPeers)
            {
                Line(conf, "addnode=" + peer);
            }
        }

        var options = plan.Args.Zcashd;
        if (options.TxIndex)
        {
            Line(conf, "txindex=1");
        }

        if (options.InsightExplorer)
        {
            Line(conf, "insightexplorer=1");
        }

        if (options.Lightwalletd)
        {
            Line(conf, "lightwalletd=1");
        }

        // The RPC server always runs: the probes use it from inside the pod.
        Line(conf, "server=1");
        Line(conf, "rpcport=" + Number(plan.RpcPort));
        if (plan.Args.Rpc)
        {
            // Reachable from the cluster; the NetworkPolicy admits only labelled clients.
            Line(conf, "rpcbind=0.0.0.0");
            Line(conf, "rpcallowip=0.0.0.0/0");
        }

        if (plan.HasRpcPassword)
        {
            Line(conf, "rpcuser=" + RpcUser);
        }

        return conf.ToString();
    }

    private static void Line(StringBuilder conf, string line) => conf.Append(line).Append('\n');

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
