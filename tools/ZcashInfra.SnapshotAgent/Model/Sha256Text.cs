using System.Text.RegularExpressions;

namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>The <c>sha256sum</c> format of a <c>.sha256</c> file: "&lt;64 hex&gt;  &lt;file name&gt;".</summary>
public static partial class Sha256Text
{
    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexPattern();

    /// <summary>True for 64 hex digits.</summary>
    public static bool IsDigest(string text) => HexPattern().IsMatch(text);

    /// <summary>The digest in the first line of a <c>.sha256</c> file (or a bare digest), lower case.</summary>
    public static string Parse(string content, string source)
    {
        var first = content.Split('\n', 2)[0].Trim();
        var digest = first.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return IsDigest(digest)
            ? digest.ToLowerInvariant()
            : throw new FormatException($"{source} does not hold a SHA-256 digest in sha256sum format");
    }

    /// <summary>The line <c>sha256sum</c> writes, so <c>sha256sum -c</c> accepts it next to the archive.</summary>
    public static string Format(string digest, string fileName) => $"{digest}  {fileName}\n";
}
