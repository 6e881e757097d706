using System.Globalization;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// The snapshot agent's <c>restore</c> command line for a node set (tools/ZcashInfra.SnapshotAgent,
/// <c>Cli/RestoreCommandLine.cs</c>). Without <c>--replace</c> the agent leaves a volume that
/// already holds state alone, so restarting a pod never restores over a synced node; an interrupted
/// restore is resumed or redone.
/// </summary>
public static class RestoreCommand
{
    /// <summary>The agent's arguments (the image's entrypoint is the agent).</summary>
    public static IReadOnlyList<string> Arguments(NodeSetSnapshot snapshot, Network network, NodeImplementation implementation, int dbMajor, ZcashdOptions zcashd)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(zcashd);
        var args = new List<string> { "restore" };
        if (snapshot.Index is { } index)
        {
            args.AddRange(["--index", Text(index)]);
            if (snapshot.Height is { } height)
            {
                args.AddRange(["--height", height.ToString(CultureInfo.InvariantCulture)]);
            }
        }
        else if (snapshot.Url is { } url)
        {
            args.AddRange(["--url", Text(url)]);
        }

        if (snapshot.Sha256 is { } sha256)
        {
            args.AddRange(["--sha256", sha256.ToLowerInvariant()]);
        }

        foreach (var gateway in snapshot.IpfsGateways)
        {
            args.AddRange(["--ipfs-gateway", gateway.AbsoluteUri]);
        }

        args.AddRange(NodeArguments(network, implementation, dbMajor, zcashd, NodeImages.StateDirectory(implementation, network)));
        return args;
    }

    /// <summary>
    /// The URL as given for ipfs:// (System.Uri lower-cases the host, and a CIDv0 there is
    /// case-sensitive base58), else its absolute form.
    /// </summary>
    private static string Text(Uri url) => url.Scheme == "ipfs" ? url.OriginalString : url.AbsoluteUri;

    /// <summary>
    /// The node the state is for and where it goes: <c>--network</c>, <c>--implementation</c>,
    /// <c>--db-major</c>, <c>--target</c> and zcashd's index flags. The snapshot job's
    /// <c>restore-newest</c> takes the same options.
    /// </summary>
    public static IReadOnlyList<string> NodeArguments(Network network, NodeImplementation implementation, int dbMajor, ZcashdOptions zcashd, string target)
    {
        ArgumentNullException.ThrowIfNull(zcashd);
        var args = new List<string>
        {
            "--network", NodeLabels.Value(network),
            "--implementation", NodeLabels.Value(implementation),
            "--db-major", dbMajor.ToString(CultureInfo.InvariantCulture),
            "--target", target,
        };
        args.AddRange(ZcashdFlags(implementation, zcashd));
        return args;
    }

    /// <summary>
    /// zcashd's index flags, which a snapshot must have been made with (a snapshot made with other
    /// flags would force a reindex: the agent refuses it); none for zebrad.
    /// </summary>
    public static IReadOnlyList<string> ZcashdFlags(NodeImplementation implementation, ZcashdOptions zcashd)
    {
        ArgumentNullException.ThrowIfNull(zcashd);
        if (implementation != NodeImplementation.Zcashd)
        {
            return [];
        }

        var flags = new List<string>();
        if (zcashd.TxIndex)
        {
            flags.Add("--txindex");
        }

        if (zcashd.InsightExplorer)
        {
            flags.Add("--insightexplorer");
        }

        if (zcashd.Lightwalletd)
        {
            flags.Add("--lightwalletd");
        }

        return flags;
    }
}
