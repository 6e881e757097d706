using System.Globalization;
using System.Text;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>What a <c>zcash.conf</c> is rendered from: a node set's pods, or the snapshot job's node.</summary>
/// <param name="Owner">Who the file is for, named in its header (<c>node set zcashd-testnet</c>).</param>
/// <param name="Network">The network.</param>
/// <param name="InitialPeers">Peers added with <c>addnode=</c> (zcashd keeps DNS seeding).</param>
/// <param name="CompatUpstream">Zebra's compat sidecar: the one peer (<c>connect=</c>); null for an ordinary node.</param>
/// <param name="Options">Index flags.</param>
/// <param name="RpcFromCluster">Bind JSON-RPC to every address (the NetworkPolicy admits labelled clients); otherwise localhost only.</param>
/// <param name="RpcUser">Write <c>rpcuser=</c> (a password is appended inside the pod).</param>
internal sealed record ZcashdConfigInput(
    string Owner, Network Network, IReadOnlyList<string> InitialPeers, string? CompatUpstream, ZcashdOptions Options, bool RpcFromCluster, bool RpcUser)
{
    /// <summary>
    /// Where the <c>addnode</c> lines come from instead of this file: the ConfigMap whose file the
    /// pod appends at start (<see cref="NodeSetPlan.HasPeersFile"/>); null writes them here.
    /// </summary>
    public string? PeersFrom { get; init; }

    /// <summary>A node set's pods, every peer written in the file (what a Compose node reads).</summary>
    public static ZcashdConfigInput For(NodeSetPlan plan) =>
        new($"node set {plan.Name}", plan.Network, plan.InitialPeers, plan.CompatUpstream, plan.Zcashd, plan.Args.Rpc, plan.HasRpcPassword);
}

/// <summary>
/// Renders <c>zcash.conf</c> for a node set or the snapshot job. The RPC password is never written
/// here: the config step appends it inside the pod from a mounted Secret.
/// Sources: zcash <c>src/init.cpp</c> (network flags), Zebra book <c>user/zcashd-compat.md</c> (compat sidecar flags).
/// </summary>
internal static class ZcashdConfig
{
    /// <summary>zcashd refuses to start without this acknowledgement since its deprecation.</summary>
    public const string DeprecationAcknowledgement = ZcashdDeprecation.ConfigLine;

    /// <summary>The RPC user name when a password is configured (user names are not secret).</summary>
    public const string RpcUser = "zcash";

    /// <summary>The file name of the <c>addnode</c> lines in the peers ConfigMap.</summary>
    public const string PeersFile = "peers.conf";

    /// <summary>A node set's config in the cluster: without the <c>addnode</c> lines when they live in the peers ConfigMap.</summary>
    public static string Render(NodeSetPlan plan) => Render(ClusterInput(plan));

    /// <summary>What a node set's config is rendered from: its peers left to the peers file when it has one.</summary>
    public static ZcashdConfigInput ClusterInput(NodeSetPlan plan) => plan.HasPeersFile
        ? ZcashdConfigInput.For(plan) with { InitialPeers = [], PeersFrom = plan.PeersConfigMapName }
        : ZcashdConfigInput.For(plan);

    /// <summary>The peers ConfigMap's file: one <c>addnode=</c> line per peer, appended to the config at pod start.</summary>
    public static string RenderPeers(NodeSetPlan plan) => RenderPeers(plan, plan.InitialPeers);

    /// <summary>The peers file with the given peers (Compose translates the addresses).</summary>
    public static string RenderPeers(NodeSetPlan plan, IReadOnlyList<string> peers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(peers);
        var conf = new StringBuilder();
        conf.Append("# addnode entries for node set ").Append(plan.Name).Append(", appended to ").Append(NodeImages.ZcashdConfigFile)
            .Append(" when a pod starts (running pods keep the list they started with).\n");
        foreach (var peer in peers)
        {
            Line(conf, "addnode=" + peer);
        }

        return conf.ToString();
    }

    public static string Render(ZcashdConfigInput input)
    {
        var conf = new StringBuilder();
        conf.Append("# zcash.conf for ").Append(input.Owner).Append(", rendered by zcash-infra from the stack settings (edit those, not this).\n");
        Line(conf, DeprecationAcknowledgement);
        switch (input.Network)
        {
            case Network.Testnet:
                Line(conf, "testnet=1");
                break;
            case Network.Regtest:
                Line(conf, "regtest=1");
                break;
        }

        Line(conf, "printtoconsole=1");
        Line(conf, "port=" + Number(ZcashPorts.P2p(input.Network, NodeImplementation.Zcashd)));
        if (input.CompatUpstream is { } upstream)
        {
            // Zebra's compat sidecar: exactly one peer, the zebrad set; no listening, no seeding.
            Line(conf, "connect=" + upstream);
            Line(conf, "listen=0");
            Line(conf, "dnsseed=0");
        }
        else
        {
            Line(conf, "listen=1");
            if (input.PeersFrom is { } peersFrom)
            {
                conf.Append("# addnode entries: ConfigMap ").Append(peersFrom).Append(", appended when the pod starts\n");
            }

            foreach (var peer in input.InitialPeers)
            {
                Line(conf, "addnode=" + peer);
            }
        }

        var options = input.Options;
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
        Line(conf, "rpcport=" + Number(ZcashPorts.Rpc(input.Network)));
        if (input.RpcFromCluster)
        {
            // Reachable from the cluster; the NetworkPolicy admits only labelled clients.
            Line(conf, "rpcbind=0.0.0.0");
            Line(conf, "rpcallowip=0.0.0.0/0");
        }

        if (input.RpcUser)
        {
            Line(conf, "rpcuser=" + RpcUser);
        }

        return conf.ToString();
    }

    private static void Line(StringBuilder conf, string line) => conf.Append(line).Append('\n');

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
