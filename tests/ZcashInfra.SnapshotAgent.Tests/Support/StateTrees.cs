using System.Security.Cryptography;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>Small synthetic node states (deterministic content) and tree comparison.</summary>
public static class StateTrees
{
    /// <summary>A zebrad cache_dir with <c>state/v&lt;major&gt;/&lt;network&gt;/</c> RocksDB-like files.</summary>
    public static string Zebra(string cacheDir, string network = "mainnet", int major = 28, int files = 4, int fileSize = 256 * 1024)
    {
        var db = Path.Combine(cacheDir, "state", $"v{major}", network);
        Directory.CreateDirectory(db);
        for (var i = 0; i < files; i++)
        {
            File.WriteAllBytes(Path.Combine(db, $"{i:000000}.sst"), Content(i, fileSize));
        }

        File.WriteAllText(Path.Combine(db, "CURRENT"), "MANIFEST-000005\n");
        File.WriteAllText(Path.Combine(db, "LOCK"), "");
        return cacheDir;
    }

    /// <summary>A zcashd network data dir with blocks/ and chainstate/ plus the files a snapshot must leave out.</summary>
    public static string Zcashd(string dataDir)
    {
        Directory.CreateDirectory(Path.Combine(dataDir, "blocks", "index"));
        Directory.CreateDirectory(Path.Combine(dataDir, "chainstate"));
        File.WriteAllBytes(Path.Combine(dataDir, "blocks", "blk00000.dat"), Content(1, 300_000));
        File.WriteAllBytes(Path.Combine(dataDir, "blocks", "index", "000003.ldb"), Content(2, 50_000));
        File.WriteAllBytes(Path.Combine(dataDir, "chainstate", "000004.ldb"), Content(3, 80_000));
        File.WriteAllText(Path.Combine(dataDir, "blocks", ".lock"), "");
        File.WriteAllText(Path.Combine(dataDir, ".lock"), "");
        File.WriteAllText(Path.Combine(dataDir, ".cookie"), "__cookie__:secret");
        File.WriteAllText(Path.Combine(dataDir, "wallet.dat"), "keys");
        File.WriteAllText(Path.Combine(dataDir, "zcash.conf"), "txindex=1\n");
        return dataDir;
    }

    /// <summary>Half random, half repetitive: compresses like real chain state (partly).</summary>
    public static byte[] Content(int seed, int size)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data.AsSpan(0, size / 2));
        for (var i = size / 2; i < size; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }

    /// <summary>SHA-256 of no bytes (an empty file, such as the restore claim's lock file).</summary>
    public static readonly string EmptyFileDigest = Convert.ToHexStringLower(SHA256.HashData([]));

    /// <summary>Relative path → SHA-256 of every regular file under <paramref name="root"/>, plus link targets.</summary>
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return result;
        }

        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            if (entry.LinkTarget is { } target)
            {
                result[relative] = "link:" + target;
            }
            else if (entry is FileInfo file)
            {
                result[relative] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.FullName)));
            }
        }

        return result;
    }
}
