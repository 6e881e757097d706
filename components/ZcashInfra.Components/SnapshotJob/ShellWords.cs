using System.Text.RegularExpressions;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// Writes argument lists into POSIX shell scripts: every word single-quoted, except a word that is
/// exactly a variable reference (<c>$height</c>), which is double-quoted so the shell expands it as
/// one word. Reading the script back therefore gives the same list (the tests parse the agent's
/// command lines out of the scripts that way).
/// </summary>
public static partial class ShellWords
{
    /// <summary>One word, quoted.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Variable().IsMatch(word) ? $"\"{word}\"" : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A command line: each word quoted, separated by spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    [GeneratedRegex("^\\$[a-z_][a-z0-9_]*$")]
    private static partial Regex Variable();
}
