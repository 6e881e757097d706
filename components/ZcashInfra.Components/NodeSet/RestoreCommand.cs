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
            args.AddRange(["--index", index.AbsoluteUri]);
            if (snapshot.Height is { } height)
            {
                args.AddRange(["--height", height.ToString(CultureInfo.InvariantCulture)]);
            }
        }
        else if (snapshot.Url is { } url)
        {
            args.AddRange(["--url", url.AbsoluteUri]);
        }

        if (snapshot.Sha256 is { } sha256)
        {
            args.AddRange(["--sha256", sha256.ToLowerInvariant()]);
        }

        args.AddRange(
        [
            "--network", NodeLabels.Value(network),
            "--implementation", NodeLabels.Value(implementation),
            "--db-major", dbMajor.ToString(CultureInfo.InvariantCulture),
            "--target", NodeImages.StateDirectory(implementation, network),
        ]);
        if (implementation == NodeImplementation.Zcashd)
        {
            // A snapshot made with other index flags would force a reindex: the agent refuses it.
            if (zcashd.TxIndex)
            {
                args.Add("--txindex");
            }

            if (zcashd.InsightExplorer)
            {
                args.Add("--insightexplorer");
            }

            if (zcashd.Lightwalletd)
            {
                args.Add("--lightwalletd");
            }
        }

        return args;
    }
}
