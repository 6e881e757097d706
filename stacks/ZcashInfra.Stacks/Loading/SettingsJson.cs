using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ZcashInfra.Stacks.Loading;

/// <summary>
/// The JSON shape of the settings: camelCase keys and camelCase enum values, exactly as they are
/// written in <c>Pulumi.&lt;stack&gt;.yaml</c>. The same options serve Pulumi's
/// <c>Config.GetObject&lt;T&gt;(key, SettingsJson.Options)</c>.
/// </summary>
/// <remarks>
/// The default (reflection-based) metadata is used on purpose: the source generator constructs
/// records with every init-only property in the initializer, which replaces a documented default
/// with null when the key is absent.
/// </remarks>
public static class SettingsJson
{
    /// <summary>Options for reading and writing settings records.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };

        // Enums are written in camelCase (gcp, zebrad, mainnet), as users type them.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
