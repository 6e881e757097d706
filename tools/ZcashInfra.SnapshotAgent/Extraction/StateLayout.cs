using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Extraction;

/// <summary>
/// Where a node keeps the state a snapshot carries, and which archive entries belong to it. Used
/// three ways: to pack (create), to police entries while extracting (restore, verify), and to tell
/// whether a volume already holds node state (restore leaves such a volume alone).
/// </summary>
public abstract class StateLayout
{
    /// <summary>Top-level names a restore moves from staging into the target.</summary>
    public abstract IReadOnlyList<string> TopLevel { get; }

    /// <summary>What the layout is, for log lines ("zebrad state/v28/mainnet").</summary>
    public abstract string Description { get; }

    /// <summary>Decides what to do with an archive entry (normalized path, never empty).</summary>
    public abstract EntryDecision Decide(string path);

    /// <summary>Null when <paramref name="root"/> holds a complete state of this layout; otherwise what is missing.</summary>
    public abstract string? CheckComplete(string root);

    /// <summary>Paths (relative to the source, '/'-separated) that create packs, each a directory packed recursively.</summary>
    public abstract IReadOnlyList<string> PackRoots { get; }

    /// <summary>True for files create must leave out (locks, cookies, pid files, wallets).</summary>
    public virtual bool ExcludeFromPack(string fileName) => false;

    /// <summary>True when <paramref name="target"/> already holds state of this node type (a synced or syncing node).</summary>
    public bool HasNodeState(string target) => TopLevel.Any(name => IsNonEmptyDirectory(Path.Combine(target, name)));

    public static StateLayout For(NodeRequirements node) => node.Implementation switch
    {
        Implementation.Zebrad => new ZebraStateLayout(node.Network, node.DbMajor),
        Implementation.Zcashd => new ZcashdStateLayout(),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    protected static bool IsNonEmptyDirectory(string path) =>
        Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();

    protected static bool HasAnyFile(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Any();
}
