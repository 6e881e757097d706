namespace ZcashInfra.SnapshotAgent.Ipfs;

/// <summary>
/// <c>ipfs://&lt;cid&gt;[/&lt;path&gt;]</c> addresses. The scheme is registered with a generic-authority
/// parser so <see cref="Uri"/> keeps the CID's case (a CIDv0 is case-sensitive base58; the default
/// parser lower-cases hosts) and relative index entries resolve under the same CID. An address is
/// read through HTTP gateways in path style, <c>&lt;gateway&gt;/ipfs/&lt;cid&gt;[/&lt;path&gt;]</c>
/// (ipfs/specs src/http-gateways/path-gateway.md, "GET /ipfs/{cid}[/{path}][?{params}]").
/// </summary>
public static class IpfsUrl
{
    public const string Scheme = "ipfs";

    private static readonly Lock Gate = new();

    /// <summary>Registers the scheme's parser once per process; call before any ipfs:// text is parsed.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!UriParser.IsKnownScheme(Scheme))
            {
                UriParser.Register(new GenericUriParser(GenericUriParserOptions.GenericAuthority | GenericUriParserOptions.NoPort | GenericUriParserOptions.NoUserInfo | GenericUriParserOptions.NoFragment), Scheme, -1);
            }
        }
    }

    public static bool Is(Uri url) => url.IsAbsoluteUri && url.Scheme == Scheme;

    /// <summary>Parses <paramref name="text"/> as an ipfs:// URL; null and a reason when it is not one with a valid CID.</summary>
    public static Uri? TryParse(string text, out string? problem)
    {
        Register();
        if (!text.StartsWith(Scheme + "://", StringComparison.Ordinal) || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            problem = $"'{text}' is not an ipfs://<cid>[/<path>] URL";
            return null;
        }

        problem = Problem(uri);
        return problem is null ? uri : null;
    }

    /// <summary>Why <paramref name="url"/> is not a usable ipfs:// address, or null.</summary>
    public static string? Problem(Uri url)
    {
        if (!string.IsNullOrEmpty(url.Query))
        {
            return $"{url}: an ipfs:// URL takes no query";
        }

        return IpfsCid.Problem(Cid(url)) is { } bad ? $"{url}: {bad}" : null;
    }

    public static string Cid(Uri url) => url.Authority;

    /// <summary>The path under the CID ("" for the CID itself), percent-encoded as in the URL.</summary>
    public static string Path(Uri url) => url.AbsolutePath == "/" ? "" : url.AbsolutePath;

    /// <summary><c>&lt;gateway&gt;/ipfs/&lt;cid&gt;[/&lt;path&gt;]</c>, keeping any path prefix the gateway URL has.</summary>
    public static Uri ThroughGateway(Uri gateway, Uri url) =>
        new($"{gateway.GetLeftPart(UriPartial.Path).TrimEnd('/')}/ipfs/{Cid(url)}{Path(url)}");
}
