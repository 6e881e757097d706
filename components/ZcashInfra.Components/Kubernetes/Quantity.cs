using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// Kubernetes resource quantities (<c>500m</c>, <c>2</c>, <c>16Gi</c>, <c>1.5G</c>), parsed so
/// settings can be checked against each other (a quota that cannot hold the workers it must admit)
/// before anything reaches a cluster. Exponent forms (<c>1e3</c>) are not accepted.
/// </summary>
public static partial class Quantity
{
    private static readonly Dictionary<string, decimal> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = 1m,
        ["m"] = 0.001m,
        ["k"] = 1e3m,
        ["M"] = 1e6m,
        ["G"] = 1e9m,
        ["T"] = 1e12m,
        ["P"] = 1e15m,
        ["Ki"] = 1024m,
        ["Mi"] = 1024m * 1024,
        ["Gi"] = 1024m * 1024 * 1024,
        ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024,
    };

    /// <summary>The value in base units (cores, bytes), or null when the text is not a quantity.</summary>
    public static decimal? Parse(string? text)
    {
        if (text is null || Shape().Match(text) is not { Success: true } match)
        {
            return null;
        }

        return decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            * Suffixes[match.Groups["suffix"].Value];
    }

    /// <summary>True when the text is a quantity.</summary>
    public static bool IsValid(string? text) => Parse(text) is not null;

    /// <summary>The rule, for an error message.</summary>
    public static string Rule(string? got) =>
        $"must be a Kubernetes quantity such as 500m, 2, 512Mi or 16Gi, got '{got}'";

    /// <summary><paramref name="count"/> times a quantity, in the quantity's own unit (<c>4Gi</c> × 3 = <c>12Gi</c>).</summary>
    public static string Multiply(string quantity, int count)
    {
        if (Shape().Match(quantity) is not { Success: true } match)
        {
            throw new FormatException(Rule(quantity));
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * count;
        return Format(number) + match.Groups["suffix"].Value;
    }

    /// <summary>A number of base units written back as plain text (<c>14</c>, <c>2.5</c>).</summary>
    public static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?<number>[0-9]+(\\.[0-9]+)?)(?<suffix>m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$")]
    private static partial Regex Shape();
}
