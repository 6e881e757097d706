namespace ZcashInfra.Components.Diff;

/// <summary>
/// A node's identity as Pulumi sees it: the URN's type chain (the types of every ancestor, then its
/// own) and its name. The parent's <em>name</em> is not part of it, so moving a node between two
/// components of one type keeps its identity; moving it under a component of another type, or
/// changing the type of any ancestor, gives it a new one.
/// </summary>
internal sealed class NodeIdentity
{
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);

    public NodeIdentity(DiffSide side)
    {
        foreach (var node in side.Nodes)
        {
            var chain = node.Parent is null ? node.Type : Chain(_current[node.Parent]) + "$" + node.Type;
            _current[node.Path] = chain + "::" + node.Name;
        }
    }

    /// <summary>The node's identity now (<c>typeChain::name</c>, the tail of its URN).</summary>
    public string Of(DiffNode node) => _current[node.Path];

    /// <summary>The type chain part of an identity.</summary>
    public static string Chain(string identity) => identity[..identity.LastIndexOf("::", StringComparison.Ordinal)];
}
