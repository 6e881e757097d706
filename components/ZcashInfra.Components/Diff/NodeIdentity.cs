namespace ZcashInfra.Components.Diff;

/// <summary>
/// A node's identity as Pulumi sees it: the URN's type chain (the types of every ancestor, then its
/// own) and its name. The parent's <em>name</em> is not part of it, so moving a node between two
/// components of one type keeps its identity; moving it under a component of another type, or
/// changing the type of any ancestor, gives it a new one.
/// </summary>
internal sealed class NodeIdentity
{
    // An alias multiplies the identities of every descendant; real graphs have a handful.
    private const int MaxCandidates = 256;

    private readonly DiffSide _side;
    private readonly Dictionary<string, IReadOnlyList<string>> _candidates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);

    public NodeIdentity(DiffSide side)
    {
        _side = side;
        foreach (var node in side.Nodes)
        {
            var chain = node.Parent is null ? node.Type : Chain(_current[node.Parent]) + "$" + node.Type;
            _current[node.Path] = chain + "::" + node.Name;
        }
    }

    /// <summary>The node's identity now (<c>typeChain::name</c>, the tail of its URN).</summary>
    public string Of(DiffNode node) => _current[node.Path];

    /// <summary>
    /// Every identity the node may have had: its own under each identity its parent may have had.
    /// </summary>
    public IReadOnlyList<string> Candidates(DiffNode node)
    {
        if (_candidates.TryGetValue(node.Path, out var known))
        {
            return known;
        }

        var parentChains = ChainsOf(node.Parent);
        var ids = new List<string>(parentChains.Select(c => Join(c, node.Type) + "::" + node.Name));

        var result = ids.Distinct(StringComparer.Ordinal).Take(MaxCandidates).ToList();
        _candidates[node.Path] = result;
        return result;
    }

    private IReadOnlyList<string> ChainsOf(string? path)
    {
        if (path is null)
        {
            return [string.Empty];
        }

        // An alias may name a parent this side does not have; it then matches nothing.
        return _side.Find(path) is { } parent ? [.. Candidates(parent).Select(Chain).Distinct(StringComparer.Ordinal)] : [];
    }

    /// <summary>The type chain part of an identity.</summary>
    public static string Chain(string identity) => identity[..identity.LastIndexOf("::", StringComparison.Ordinal)];

    private static string Join(string chain, string type) => chain.Length == 0 ? type : chain + "$" + type;
}
