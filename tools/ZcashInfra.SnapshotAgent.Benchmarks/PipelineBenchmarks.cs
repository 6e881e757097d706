using BenchmarkDotNet.Attributes;
using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Benchmarks;

/// <summary>
/// In-process micro-benchmarks of the restore pipeline's CPU stages on a 256 MiB synthetic state
/// (zstd -3): decompression alone, and the whole verify pass (SHA-256 + decompress + tar parse),
/// which is the restore pass minus the disk writes.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private string _archive = "";
    private string _work = "";

    [GlobalSetup]
    public void Setup()
    {
        _work = Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
        SyntheticState.Generate(Path.Combine(_work, "src"), 256L << 20);
        _archive = Path.Combine(_work, "state.tar.zst");
        using var file = File.Create(_archive);
        using (var zstd = new ZstdCompressStream(file, 3, Environment.ProcessorCount, leaveOpen: true))
        using (var tar = new System.Formats.Tar.TarWriter(zstd, leaveOpen: true))
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(_work, "src"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                tar.WriteEntry(path, Path.GetRelativePath(Path.Combine(_work, "src"), path));
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_work, recursive: true);

    [Benchmark]
    public long Decompress()
    {
        using var zstd = new ZstdDecompressStream(File.OpenRead(_archive));
        var buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = zstd.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    [Benchmark]
    public async Task<long> VerifyPass()
    {
        var result = await ArchiveFeed.RunAsync(
            new FileRangeSource(_archive),
            RetryPolicy.Default,
            AgentLog.Null,
            TimeSpan.FromHours(1),
            (stream, token) =>
            {
                var (tar, _) = PrefixedStream.OpenDecompressed(stream);
                using (tar)
                {
                    new SafeTarExtractor(PhysicalExtractionFileSystem.Instance, AgentLog.Null).Extract(tar, "/nonexistent", null, write: false, token);
                }
            },
            CancellationToken.None);
        return result.Length;
    }
}
