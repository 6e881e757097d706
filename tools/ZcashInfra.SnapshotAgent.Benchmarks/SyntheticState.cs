namespace ZcashInfra.SnapshotAgent.Benchmarks;

/// <summary>
/// Writes a zebrad-shaped state of a given size: <c>state/v28/mainnet/NNNNNN.sst</c> files of
/// 64 MiB (RocksDB's usual SST size) whose content is half random, half repetitive, so zstd -3
/// compresses it about 2:1 — SST blocks are already compressed, so real chain state does not
/// shrink much more than that.
/// </summary>
public static class SyntheticState
{
    private const int FileSize = 64 << 20;

    public static void Generate(string directory, long totalBytes)
    {
        var db = Path.Combine(directory, "state", "v28", "mainnet");
        Directory.CreateDirectory(db);
        var buffer = new byte[FileSize];
        var random = new Random(28);
        long written = 0;
        for (var i = 0; written < totalBytes; i++)
        {
            var size = (int)Math.Min(FileSize, totalBytes - written);
            random.NextBytes(buffer.AsSpan(0, size / 2));
            for (var j = size / 2; j < size; j++)
            {
                buffer[j] = (byte)((j >> 6) % 251);
            }

            File.WriteAllBytes(Path.Combine(db, $"{i:000000}.sst"), buffer.AsSpan(0, size).ToArray());
            written += size;
        }

        File.WriteAllText(Path.Combine(db, "CURRENT"), "MANIFEST-000001\n");
    }
}
