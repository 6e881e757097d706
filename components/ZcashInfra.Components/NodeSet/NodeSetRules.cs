using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// The rules of a node set's own keys, written once: the component refuses arguments that break
/// them (<see cref="NodeSetArgs"/>), and the stack settings report them at their key path
/// (<c>zcash-infra:nodeSets[0].replicas</c>). Keys are the settings' (relative) keys.
/// </summary>
public static class NodeSetRules
{
    /// <summary>Everything wrong with these values, the release's own rules first.</summary>
    public static IEnumerable<ArgsProblem> Problems(NodeRelease release, int replicas, bool rpc, bool hasRpcPassword, bool monitoring, (bool HasIndex, bool HasUrl)? snapshot)
    {
        foreach (var problem in release.Problems(NodeReleaseUse.NodeSet))
        {
            yield return problem;
        }

        if (replicas < 1)
        {
            yield return new("replicas", $"must be ≥ 1, got {replicas}");
        }

        if (hasRpcPassword && release.IsZebra)
        {
            yield return new("rpcPassword", "zebrad has no RPC password (only a cookie it regenerates on every start); its RPC is limited to labelled clients by the NetworkPolicy");
        }

        if (hasRpcPassword && !rpc)
        {
            yield return new("rpcPassword", "needs rpc: true");
        }

        if (monitoring && !release.IsZebra)
        {
            yield return new("monitoring", "is for zebrad node sets (zcashd exposes no metrics endpoint this project configures)");
        }

        if (snapshot is { } source && source.HasIndex == source.HasUrl)
        {
            yield return new("snapshot", "set exactly one of index or url");
        }
    }
}
