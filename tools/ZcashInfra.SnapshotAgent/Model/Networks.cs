namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// Network names as they appear on disk and in the index: lower case, the way zebrad names its
/// state directory (<c>state/v28/mainnet/</c>) and the Foundation names its index path
/// (<c>/mainnet/snapshots.json</c>).
/// </summary>
public static class Networks
{
    public static readonly IReadOnlyList<string> Known = ["mainnet", "testnet", "regtest"];

    /// <summary>Lower-cases a name given on the command line ("Mainnet" is accepted too); rejects path-unsafe names.</summary>
    public static string Normalize(string network)
    {
        var name = network.Trim().ToLowerInvariant();
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new ArgumentException($"invalid network name '{network}'", nameof(network));
        }

        return name;
    }

    /// <summary>A network given on the command line: one of <see cref="Known"/> (any case); anything else is refused before any work.</summary>
    public static string ParseKnown(string network)
    {
        var name = Normalize(network);
        return Known.Contains(name)
            ? name
            : throw new ArgumentException($"invalid network '{network}': must be one of {string.Join(", ", Known)}", nameof(network));
    }

    /// <summary>The network named by an index URL's path (…/&lt;network&gt;/snapshots.json), if it is a known one.</summary>
    public static string? FromIndexUrl(Uri index)
    {
        var segments = index.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && Known.Contains(segments[^2].ToLowerInvariant()) ? segments[^2].ToLowerInvariant() : null;
    }
}
