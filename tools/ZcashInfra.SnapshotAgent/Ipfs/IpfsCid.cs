using System.Numerics;

namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// Syntactic check of a content identifier, so a typo is a usage error before any gateway is
/// asked. Accepts CIDv0 (base58btc, 46 characters, "Qm…": a sha2-256 multihash) and CIDv1 in
/// multibase base32 ("b…", what Kubo prints for CIDv1), base58btc ("z…") or base16 ("f…"), and
/// checks the decoded structure: version 1, a codec varint, then a multihash whose digest length
/// matches the bytes that follow. Layout per multiformats/cid README.md ("How does it work?":
/// &lt;multibase-prefix&gt;&lt;cid-version&gt;&lt;multicodec-content-type&gt;&lt;multihash-content-address&gt;)
/// and multiformats/multihash README.md (&lt;varint hash code&gt;&lt;varint digest size&gt;&lt;digest&gt;).
/// No CID is computed here: publishing takes the CID the IPFS node returns.
/// </summary>
public static class IpfsCid
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Why <paramref name="text"/> is not a CID, or null when it is one.</summary>
    public static string? Problem(string text)
    {
        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            var bytes = Base58(text);
            return bytes is { Length: 34 } && bytes[0] == 0x12 && bytes[1] == 0x20
                ? null
                : $"'{text}' looks like a CIDv0 but is not base58btc of a sha2-256 multihash";
        }

        if (text.Length < 2)
        {
            return $"'{text}' is not a CID";
        }

        var decoded = text[0] switch
        {
            'b' => Base32(text[1..]),
            'z' => Base58(text[1..]),
            'f' => Base16(text[1..]),
            _ => null,
        };
        if (decoded is null)
        {
            return text[0] is 'b' or 'z' or 'f'
                ? $"'{text}' is not valid in the encoding its multibase prefix names (b: base32, z: base58btc, f: base16)"
                : $"'{text}' is not a CID: expected a CIDv0 (Qm…, 46 characters) or a CIDv1 in base32 (b…), base58btc (z…) or base16 (f…)";
        }

        return V1Structure(decoded) ? null : $"'{text}' does not decode to a CIDv1 (version 1, codec, multihash)";
    }

    private static bool V1Structure(byte[] bytes)
    {
        var at = 0;
        return Varint(bytes, ref at) == 1
            && Varint(bytes, ref at) is not null
            && Varint(bytes, ref at) is not null
            && Varint(bytes, ref at) is { } length
            && length > 0
            && bytes.Length - at == (long)length;
    }

    private static ulong? Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63 && at < bytes.Length; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        return null;
    }

    private static byte[]? Base58(string text)
    {
        BigInteger value = 0;
        foreach (var c in text)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }

            value = (value * 58) + digit;
        }

        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var zeros = text.TakeWhile(c => c == '1').Count();
        return [.. new byte[zeros], .. body];
    }

    private static byte[]? Base32(string text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var digit = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        // Canonical unpadded base32 leaves fewer than 5 bits over, all zero.
        return buffer == 0 ? [.. output] : null;
    }

    private static byte[]? Base16(string text)
    {
        if (text.Length % 2 != 0 || text.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
        {
            return null;
        }

        return Convert.FromHexString(text);
    }
}
