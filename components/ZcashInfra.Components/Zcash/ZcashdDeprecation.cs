using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Zcash;

/// <summary>
/// zcashd 6.x refuses to start unless its operator acknowledges that it is deprecated (zcash
/// <c>src/bitcoind.cpp</c>; zcash's own functional tests pass the same option on the command line,
/// <c>qa/rpc-tests/test_framework/util.py</c>). The one place the option is spelt, for every
/// <c>zcash.conf</c> and every command line this project renders, and the rule that checks them.
/// </summary>
public static partial class ZcashdDeprecation
{
    /// <summary>The option's name.</summary>
    public const string Option = "i-am-aware-zcashd-will-be-replaced-by-zebrad-and-zallet-in-2025";

    /// <summary>As a <c>zcash.conf</c> line.</summary>
    public const string ConfigLine = Option + "=1";

    /// <summary>As a command-line flag.</summary>
    public const string Flag = "-" + Option;

    /// <summary>
    /// The zcashd invocations in a shell script or command line that neither pass <see cref="Flag"/>
    /// nor read a config file (<c>-conf=</c>, whose contents <see cref="ConfigAcknowledges"/>
    /// checks). An invocation is <c>zcashd</c> (or <c>…/zcashd</c>) followed by an option;
    /// backslash-continued lines count as one.
    /// </summary>
    public static IEnumerable<string> UnacknowledgedInvocations(string script)
    {
        foreach (var line in script.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            if (Invocation().IsMatch(line) && !line.Contains(Flag, StringComparison.Ordinal) && !line.Contains("-conf=", StringComparison.Ordinal))
            {
                yield return line.Trim();
            }
        }
    }

    /// <summary>True when a <c>zcash.conf</c> carries the acknowledgement.</summary>
    public static bool ConfigAcknowledges(string config) =>
        config.Split('\n').Any(l => l.Trim() == ConfigLine);

    // zcashd (or …/zcashd) in command position — at the start of a line, after exec, ;, & or |, or as a
    // path's last part — followed by an option. Not an argument such as `--implementation zcashd`.
    [GeneratedRegex(@"(^\s*|\bexec\s+|[;&|]\s*|/)[""']?zcashd[""']?\s+-")]
    private static partial Regex Invocation();
}
