using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// Kubernetes resource quantities (<c>400Gi</c>, <c>500m</c>, <c>1.5</c>, <c>2e3</c>): parsed to
/// their value in base units, so sizes from settings can be compared with minimums and with each
/// other (a quota that cannot hold the workers it must admit) before anything reaches a cluster.
/// </summary>
public static partial class Quantity
{
    private static readonly IReadOnlyDictionary<string, decimal> Suffixes = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        [""] = 1m,
        ["n"] = 0.000000001m,
        ["u"] = 0.000001m,
        ["m"] = 0.001m,
        ["k"] = 1e3m,
        ["M"] = 1e6m,
        ["G"] = 1e9m,
        ["T"] = 1e12m,
        ["P"] = 1e15m,
        ["E"] = 1e18m,
        ["Ki"] = 1024m,
        ["Mi"] = 1024m * 1024,
        ["Gi"] = 1024m * 1024 * 1024,
        ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024,
        ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    /// <summary>The value in base units (bytes, cores), or null when the text is not a quantity.</summary>
    public static decimal? Parse(string? text)
    {
        if (text is null || Pattern().Match(text) is not { Success: true } match
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        try
        {
            if (match.Groups["exponent"].Success)
            {
                var exponent = int.Parse(match.Groups["exponent"].Value, CultureInfo.InvariantCulture);
                return exponent is < -18 or > 18 ? null : number * Pow10(exponent);
            }

            return number * Suffixes[match.Groups["suffix"].Value];
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>True when the text is a quantity.</summary>
    public static bool IsValid(string? text) => Parse(text) is not null;

    /// <summary>The rule, for an error message.</summary>
    public static string Rule(string? got) =>
        $"must be a Kubernetes quantity such as 500m, 2, 512Mi or 16Gi, got '{got}'";

    /// <summary><paramref name="count"/> times a quantity, in the quantity's own unit (<c>4Gi</c> × 3 = <c>12Gi</c>).</summary>
    public static string Multiply(string quantity, int count)
    {
        if (Pattern().Match(quantity) is not { Success: true } match)
        {
            throw new FormatException(Rule(quantity));
        }

        if (match.Groups["exponent"].Success)
        {
            return Format(Parse(quantity)!.Value * count);
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * count;
        return Format(number) + match.Groups["suffix"].Value;
    }

    /// <summary>A number of base units written back as plain text (<c>14</c>, <c>2.5</c>).</summary>
    public static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d*)?|\.\d+)(?:(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|)|[eE](?<exponent>[+-]?\d+))$")]
    private static partial Regex Pattern();
}
