using System.Text.Json.Nodes;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// A snapshot as the Zcash Foundation publishes it: GNU tar + zstd CLI archive of a zebrad
/// cache_dir, its sha256sum-format <c>.sha256</c>, and an index entry with only the Foundation's
/// fields.
/// </summary>
public sealed record FoundationSnapshot(string Source, string Archive, string Sha256, string Name)
{
    public static FoundationSnapshot Make(TempDirectory dir, string name = "zebra-mainnet-v28-h100.tar.zst", string network = "mainnet", int major = 28, int files = 4, int fileSize = 256 * 1024)
    {
        var source = StateTrees.Zebra(dir.Combine("src-" + name), network, major, files, fileSize);
        var archive = Tools.GnuTar(source, dir.Combine(name), "state");
        return new FoundationSnapshot(source, archive, Tools.Sha256Sum(archive), name);
    }

    public static string Index(params JsonObject[] entries) => new JsonArray([.. entries]).ToJsonString();

    /// <summary>An index entry with the Foundation's fields only.</summary>
    public static JsonObject Entry(string url, long height, int dbMajor, string? sha256, bool latest = false) => new()
    {
        ["url"] = url,
        ["roles"] = latest ? new JsonArray("latest") : new JsonArray(),
        ["height"] = height,
        ["db_major"] = dbMajor,
        ["sha256"] = sha256,
        ["zebrad_version"] = "6.3.0",
        ["manifest_url"] = url + ".manifest.json",
    };

    public static string[] RestoreArgs(string target, string network = "mainnet", int major = 28) =>
        ["--network", network, "--implementation", "zebrad", "--db-major", major.ToString(System.Globalization.CultureInfo.InvariantCulture), "--target", target];
}
