namespace ZcashInfra.Components.Zcash;

/// <summary>
/// What the published node images look like from the outside: repository, the user they run as,
/// and where they keep configuration and state. Sources: zebra <c>docker/Dockerfile</c>
/// and <c>docker/entrypoint.sh</c>; zcash <c>contrib/docker</c>.
/// </summary>
public static class NodeImages
{
    /// <summary>The Zcash Foundation's zebrad image.</summary>
    public const string ZebraRepository = "zfnd/zebra";

    /// <summary>The Electric Coin Company's zcashd image.</summary>
    public const string ZcashdRepository = "electriccoinco/zcashd";

    /// <summary>zebrad's state directory (<c>[state] cache_dir</c>): the default for the image's user, on the node's volume.</summary>
    public const string ZebraCacheDir = "/home/zebra/.cache/zebra";

    /// <summary>Where zebrad reads its configuration (mounted from a ConfigMap).</summary>
    public const string ZebraConfigDir = "/etc/zebrad";

    /// <summary>zebrad's configuration file name.</summary>
    public const string ZebraConfigFile = "zebrad.toml";

    /// <summary>zcashd's data directory (<c>-datadir</c>), on the node's volume.</summary>
    public const string ZcashdDataDir = "/srv/zcashd/.zcash";

    /// <summary>Where zcashd reads its configuration (mounted from a ConfigMap).</summary>
    public const string ZcashdConfigDir = "/etc/zcash";

    /// <summary>zcashd's configuration file name.</summary>
    public const string ZcashdConfigFile = "zcash.conf";

    /// <summary>
    /// The image reference of a release: <c>repository:tag[@digest]</c>. The publishers spell tags
    /// differently: Zebra's omit the <c>v</c> (<c>zfnd/zebra:7.2.0</c>; Zebra book
    /// <c>user/docker.md</c>, "Docker version tags omit the v"), zcashd's keep it
    /// (<c>electriccoinco/zcashd:v5.9.0</c>; zcash/zcash issue threads and its release process), so a
    /// version written either way gets the publisher's tag. A repository of your own is tagged as written.
    /// </summary>
    public static string Reference(NodeImplementation implementation, string? repository, string version, string? digest)
    {
        ArgumentNullException.ThrowIfNull(version);
        var tag = repository is not null ? version : PublisherTag(implementation, version);
        return $"{repository ?? Repository(implementation)}:{tag}" + (digest is { } d ? "@" + d : string.Empty);
    }

    /// <summary>The tag the implementation's publisher gives <paramref name="version"/>.</summary>
    public static string PublisherTag(NodeImplementation implementation, string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var plain = version.StartsWith('v') ? version[1..] : version;
        return implementation == NodeImplementation.Zcashd ? "v" + plain : plain;
    }

    /// <summary>The default repository of an implementation.</summary>
    public static string Repository(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zcashd ? ZcashdRepository : ZebraRepository;

    /// <summary>The uid (and gid) the image runs as: zebra 10001, zcashd 2001.</summary>
    public static long Uid(NodeImplementation implementation) => implementation == NodeImplementation.Zcashd ? 2001 : 10001;

    /// <summary>
    /// The directory that holds one network's state, which is what a snapshot restores into:
    /// zebrad's cache dir (it separates networks itself), or zcashd's per-network data directory
    /// (the data dir itself on mainnet, <c>testnet3/</c> or <c>regtest/</c> below it otherwise).
    /// </summary>
    public static string StateDirectory(NodeImplementation implementation, Network network) => implementation switch
    {
        NodeImplementation.Zebrad => ZebraCacheDir,
        _ => network switch
        {
            Network.Mainnet => ZcashdDataDir,
            Network.Testnet => ZcashdDataDir + "/testnet3",
            _ => ZcashdDataDir + "/regtest",
        },
    };

    /// <summary>Where the node's volume is mounted: the directory that holds all its state.</summary>
    public static string VolumeMountPath(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zcashd ? ZcashdDataDir : ZebraCacheDir;
}
