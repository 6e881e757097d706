using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Validation.JsonSchemas;

/// <summary>The string formats the schemas in use name, and how each is checked.</summary>
internal enum StringFormat
{
    /// <summary>No format, or one that constrains no string (<c>int32</c>, <c>int64</c> describe integers).</summary>
    None,

    /// <summary><c>date-time</c>.</summary>
    DateTime,

    /// <summary><c>byte</c>: base64 text.</summary>
    Byte,
}

/// <summary>Checks of <see cref="StringFormat"/> values.</summary>
internal static partial class StringFormats
{
    /// <summary>
    /// The forms accepted as <c>date-time</c>: those of NJsonSchema's check
    /// (RicoSuter/NJsonSchema <c>src/NJsonSchema/Validation/FormatValidators/DateTimeFormatValidator.cs</c>),
    /// which this validator replaced; only status fields carry the format in the schemas in use.
    /// </summary>
    private static readonly string[] DateTimeForms =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd' 'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd' 'HH:mm", "yyyy-MM-dd'T'HH",
        "yyyy-MM-dd' 'HH", "yyyy-MM-dd", "yyyyMMdd", "yyyy-MM", "yyyy",
    ];

    /// <summary>The format a <c>format</c> keyword names; an unknown one is an error, never skipped.</summary>
    public static StringFormat? Parse(string format) => format switch
    {
        "date-time" => StringFormat.DateTime,
        "byte" => StringFormat.Byte,
        "int32" or "int64" => StringFormat.None,
        _ => null,
    };

    /// <summary>The error for a string that is not of the format, or null when it is.</summary>
    public static SchemaErrorKind? Check(StringFormat format, string value) => format switch
    {
        StringFormat.DateTime when !DateTimeOffset.TryParseExact(value, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => SchemaErrorKind.DateTimeExpected,

        // Base64 text comes in groups of four characters, padded with '='.
        StringFormat.Byte when value.Length % 4 != 0 || !Base64().IsMatch(value) => SchemaErrorKind.Base64Expected,
        _ => null,
    };

    [GeneratedRegex("^[a-zA-Z0-9\\+/]*={0,3}$")]
    private static partial Regex Base64();
}
