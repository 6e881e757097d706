using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>
/// Range rules for numeric options, checked by the parser: a value out of range is a usage error
/// (exit 2, one line) before the command does anything, never a failure half-way through a run.
/// </summary>
internal static class OptionRules
{
    /// <summary>The longest duration an option may ask for (about 31 years): keeps every value a valid <see cref="TimeSpan"/>.</summary>
    private const double MaxSeconds = 1e9;

    /// <summary>Values below <paramref name="minimum"/> are refused.</summary>
    public static Option<T> AtLeast<T>(Option<T> option, T minimum)
        where T : struct, INumber<T>
    {
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<T>();
            if (value < minimum)
            {
                r.AddError($"{option.Name} must be ≥ {minimum.ToString(null, CultureInfo.InvariantCulture)}, not {value.ToString(null, CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>Given values below <paramref name="minimum"/> are refused; absent is fine.</summary>
    public static Option<T?> AtLeast<T>(Option<T?> option, T minimum)
        where T : struct, INumber<T>
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T?>() is { } value && value < minimum)
            {
                r.AddError($"{option.Name} must be ≥ {minimum.ToString(null, CultureInfo.InvariantCulture)}, not {value.ToString(null, CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>Given values outside [<paramref name="minimum"/>, <paramref name="maximum"/>] are refused.</summary>
    public static Option<int?> Between(Option<int?> option, int minimum, int maximum)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } value && (value < minimum || value > maximum))
            {
                r.AddError($"{option.Name} must be between {minimum} and {maximum}, not {value}");
            }
        });
        return option;
    }

    /// <summary>A duration in seconds: finite, at most ~31 years, and &gt; 0 (or ≥ 0 when <paramref name="zeroAllowed"/>).</summary>
    public static Option<double> Seconds(Option<double> option, bool zeroAllowed)
    {
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            var tooSmall = zeroAllowed ? value < 0 : value <= 0;
            if (!double.IsFinite(value) || tooSmall || value > MaxSeconds)
            {
                r.AddError($"{option.Name} must be {(zeroAllowed ? "≥ 0" : "> 0")} seconds (at most {MaxSeconds:0}), not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>A finite value in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<double> Between(Option<double> option, double minimum, double maximum)
    {
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < minimum || value > maximum)
            {
                r.AddError($"{option.Name} must be between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>A path: not empty, no NUL byte (either would only fail later, as an unexpected error).</summary>
    public static Option<T> Path<T>(Option<T> option)
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && r.Tokens[0].Value is var text && (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal)))
            {
                r.AddError($"{option.Name} must be a path, not '{text.Replace("\0", "\\0", StringComparison.Ordinal)}'");
            }
        });
        return option;
    }
}
