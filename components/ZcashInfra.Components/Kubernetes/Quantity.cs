using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// Kubernetes resource quantities (<c>400Gi</c>, <c>500m</c>, <c>1.5</c>, <c>2e3</c>): parsed to
/// their value in base units, so sizes from settings can be compared with minimums before anything
/// reaches the API server.
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
        if (text is null)
        {
            return null;
        }

        var match = Pattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
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
