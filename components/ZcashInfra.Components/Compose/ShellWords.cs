using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Compose;

/// <summary>Joins an argument vector into one POSIX <c>sh</c> command line, quoting only what needs it.</summary>
internal static partial class ShellWords
{
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    public static string Quote(string word) =>
        word.Length > 0 && Plain().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex Plain();
}
