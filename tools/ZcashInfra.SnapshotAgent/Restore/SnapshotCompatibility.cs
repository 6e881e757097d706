using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Restore;

/// <summary>
/// Judges an index entry against the node before anything is downloaded. Fields the Foundation's
/// index does not carry are inferred the way its format implies: the network from the index URL's
/// path, the implementation as zebrad; the archive's own layout is checked again while extracting.
/// </summary>
public static class SnapshotCompatibility
{
    /// <summary>Null when compatible; otherwise why not (one short phrase).</summary>
    public static string? Check(SnapshotIndexEntry entry, NodeRequirements node, string? indexNetwork)
    {
        var network = entry.Network is { } n ? Networks.Normalize(n) : indexNetwork;
        if (network is not null && network != node.Network)
        {
            return $"network {network}, node is on {node.Network}";
        }

        var implementation = ParseImplementation(entry.Implementation) ?? Implementation.Zebrad;
        if (implementation != node.Implementation)
        {
            return $"made by {Name(implementation)}, node is {Name(node.Implementation)}";
        }

        if (entry.DbMajor != node.DbMajor)
        {
            return $"db major {entry.DbMajor}, node needs {node.DbMajor}";
        }

        if (node.Implementation == Implementation.Zcashd)
        {
            if (network is null)
            {
                return "zcashd snapshot without a recorded network";
            }

            if (entry.Flags is null)
            {
                return "zcashd snapshot without recorded -txindex/-insightexplorer/-lightwalletd flags";
            }

            if (entry.Flags != node.Flags)
            {
                return $"flags {entry.Flags}, node runs with {node.Flags} (a difference forces a reindex)";
            }
        }

        return null;
    }

    /// <summary><see cref="Check"/>, with an entry's unreadable field (an unknown implementation) as its reason.</summary>
    public static string? CheckSafely(SnapshotIndexEntry entry, NodeRequirements node, string? indexNetwork)
    {
        try
        {
            return Check(entry, node, indexNetwork);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return e.Message;
        }
    }

    public static Implementation? ParseImplementation(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "zebrad" or "zebra" => Implementation.Zebrad,
        "zcashd" => Implementation.Zcashd,
        _ => throw new FormatException($"unknown implementation '{name}'"),
    };

    public static string Name(Implementation implementation) => implementation.ToString().ToLowerInvariant();
}
