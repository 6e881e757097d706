namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// A zcashd network data directory (<c>~/.zcash</c>, <c>~/.zcash/testnet3</c>, …): <c>blocks/</c>
/// (with <c>index/</c>) and <c>chainstate/</c>. Lock, cookie, pid and wallet files are never
/// packed and never restored: a wallet in a public snapshot is a leak, and a stale lock or pid
/// file stops the node from starting.
/// </summary>
public sealed class ZcashdStateLayout : StateLayout
{
    private static readonly string[] Roots = ["blocks", "chainstate"];

    public override IReadOnlyList<string> TopLevel => Roots;

    public override string Description => "zcashd blocks/ + chainstate/";

    public override IReadOnlyList<string> PackRoots => Roots;

    public override bool ExcludeFromPack(string fileName) =>
        fileName is ".lock" or ".cookie"
        || fileName.EndsWith(".pid", StringComparison.Ordinal)
        || fileName.StartsWith("wallet", StringComparison.Ordinal);

    public override EntryDecision Decide(string path)
    {
        var segments = path.Split('/');
        if (!Roots.Contains(segments[0]))
        {
            return new EntryDecision(EntryAction.Skip, $"{path} is not zcashd chain state");
        }

        return ExcludeFromPack(segments[^1]) ? new EntryDecision(EntryAction.Skip, $"{path} is a lock, cookie, pid or wallet file") : EntryDecision.Extract;
    }

    public override string? CheckComplete(string root)
    {
        var missing = Roots.Where(r => !HasAnyFile(Path.Combine(root, r))).ToList();
        return missing.Count == 0 ? null : $"the archive holds no {string.Join(" or ", missing.Select(m => m + "/"))}";
    }
}
