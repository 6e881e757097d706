using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZcashInfra.Components.Graph;

/// <summary>
/// A secret value from the stack's configuration. It travels through settings and the resource
/// graph as an opaque leaf: nothing prints it (<see cref="ToString"/>, JSON serialization and every
/// render write <c>[secret]</c>), and only infra/ unwraps it, into a Pulumi secret output.
/// </summary>
/// <remarks>
/// Offline, a <c>secure:</c> value is Pulumi ciphertext that cannot be decrypted here, so the
/// secret carries no plaintext; under the Pulumi engine the decrypted value is carried instead.
/// </remarks>
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret : IEquatable<Secret>
{
    /// <summary>What every render, log line and exception shows instead of the value.</summary>
    public const string Mask = "[secret]";

    private readonly string? _plaintext;

    private Secret(string? plaintext, string fingerprint)
    {
        _plaintext = plaintext;
        Fingerprint = fingerprint;
    }

    /// <summary>
    /// A short, non-reversible digest of what was configured (ciphertext offline, plaintext in the
    /// engine), so a diff can say a secret changed without showing it.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>True when the decrypted value is known (under the Pulumi engine).</summary>
    public bool HasPlaintext => _plaintext is not null;

    /// <summary>A secret whose decrypted value is known.</summary>
    public static Secret FromPlaintext(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return new Secret(plaintext, Digest("p", plaintext));
    }

    /// <summary>A secret known only by its Pulumi ciphertext (a <c>secure:</c> value read offline).</summary>
    public static Secret FromCiphertext(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return new Secret(null, Digest("c", ciphertext));
    }

    /// <summary>
    /// The decrypted value. Only the Pulumi binding calls this, to hand the value to the engine as
    /// a secret output.
    /// </summary>
    public string RevealForEngine() =>
        _plaintext ?? throw new InvalidOperationException(
            "This secret was read offline from ciphertext; its value is only available under the Pulumi engine.");

    /// <inheritdoc />
    public override string ToString() => Mask;

    /// <inheritdoc />
    public bool Equals(Secret? other) => other is not null && other.Fingerprint == Fingerprint;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Secret);

    /// <inheritdoc />
    public override int GetHashCode() => Fingerprint.GetHashCode(StringComparison.Ordinal);

    private static string Digest(string kind, string value)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + value));
        return Convert.ToHexStringLower(hash)[..12];
    }
}

/// <summary>Writes every <see cref="Secret"/> as the mask; reading one from JSON is not supported.</summary>
public sealed class SecretJsonConverter : JsonConverter<Secret>
{
    /// <inheritdoc />
    public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("Secrets are read by the settings loader, not deserialized directly.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Secret.Mask);
}
