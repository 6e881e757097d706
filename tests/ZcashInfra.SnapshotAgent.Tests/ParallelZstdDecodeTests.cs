using System.Buffers.Binary;
using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// Parallel decoding of independent zstd frames: output in stream order and byte-exact for the
/// multi-frame archives create writes, pzstd's, concatenated CLI frames, and (sequentially) the
/// single-frame archives of the zstd CLI; errors in stream order.
/// </summary>
public class ParallelZstdDecodeTests
{
    private const int FrameBytes = 64 * 1024;

    /// <summary>Small enough that a 1 MiB single frame does not fit, large enough for the 64 KiB frames.</summary>
    private const long MaxFrame = 256 * 1024;

    private static byte[] CreateStyle(byte[] data, long frameBytes = FrameBytes)
    {
        using var output = new MemoryStream();
        using (var zstd = new ZstdCompressStream(output, 3, 2, leaveOpen: true, frameBytes: frameBytes))
        {
            zstd.Write(data);
        }

        return output.ToArray();
    }

    private static (byte[] Output, ParallelZstdDecompressStream Stream) Decode(byte[] compressed, int parallelism = 3, long maxFrame = MaxFrame, int readSize = 7919)
    {
        var stream = new ParallelZstdDecompressStream(new MemoryStream(compressed), parallelism, maxFrame);
        using var copy = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, n);
        }

        stream.Dispose();
        return (copy.ToArray(), stream);
    }

    private static byte[] Cli(TempDirectory dir, byte[] data, string tool, params string[] args)
    {
        var input = dir.Combine($"in-{tool}");
        File.WriteAllBytes(input, data);
        Tools.Run(tool, dir.Path, [.. args, "-q", "-f", input, "-o", input + ".zst"]);
        return File.ReadAllBytes(input + ".zst");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void CreateFrames_DecodedInParallel_InOrder_AndTheSeekTableMatches(int parallelism)
    {
        var data = StateTrees.Content(21, (16 * FrameBytes) + 1234);

        var (output, stream) = Decode(CreateStyle(data), parallelism);

        Assert.Equal(data, output);

        // The first frame streams through the sequential decoder; the other 16 are decoded whole.
        Assert.Equal(16, stream.ParallelFrames);
        Assert.False(stream.Sequential);
        Assert.Equal(SeekTableCheck.Matched, stream.SeekTable);
    }

    [Fact]
    public void ZstdCliSingleFrame_WithContentSize_StreamsAsTheFirstFrame_Exact()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(22, 1 << 20);

        var (output, stream) = Decode(Cli(dir, data, "zstd", "-3"));

        Assert.Equal(data, output);
        Assert.False(stream.Sequential);
        Assert.Equal(0, stream.ParallelFrames);
        Assert.Equal(SeekTableCheck.None, stream.SeekTable);
    }

    [Fact]
    public void ZstdCliSingleFrameFromAPipe_NoContentSize_StreamsAsTheFirstFrame_Exact()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(23, 1 << 20);
        var input = dir.Combine("in");
        File.WriteAllBytes(input, data);

        // `tar | zstd` as the Foundation's archives are made: the frame header carries no content size.
        Tools.Run("sh", dir.Path, "-c", "cat in | zstd -q -3 > in.zst");
        var compressed = File.ReadAllBytes(dir.Combine("in.zst"));
        Assert.Equal(0, compressed[4] >> 6);

        var (output, stream) = Decode(compressed);

        Assert.Equal(data, output);
        Assert.False(stream.Sequential);
        Assert.Equal(0, stream.ParallelFrames);
    }

    [Fact]
    public void SingleFrameArchiveHalfArrived_ItsOutputFlowsAlready()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(34, 2 << 20);
        var compressed = Cli(dir, data, "zstd", "-3");

        // Half the archive, as while a download is stalled halfway: extraction must not wait for the rest.
        // The frame (2 MiB, its content size in the header) is small enough to be decoded whole, if it were not the first.
        var stream = new ParallelZstdDecompressStream(new MemoryStream(compressed[..(compressed.Length / 2)]), 3);
        using var copy = new MemoryStream();
        var buffer = new byte[4096];
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, n);
            }
        });
        stream.Dispose();

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(copy.Length > 0, "nothing was decoded from the half that arrived");
        Assert.Equal(data.AsSpan(0, (int)copy.Length).ToArray(), copy.ToArray());
    }

    [Fact]
    public void Pzstd_SkippableHeadersAndIndependentFrames_DecodedInParallel_Exact()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(24, 5 << 20);

        // pzstd cuts its input into independent frames (2 MiB each at level 1), each after a skippable frame giving its size.
        var compressed = Cli(dir, data, "pzstd", "-1", "-p", "2");
        Assert.Equal(0x184D2A50u, BinaryPrimitives.ReadUInt32LittleEndian(compressed));

        var (output, stream) = Decode(compressed, maxFrame: 8L << 20);

        Assert.Equal(data, output);
        Assert.True(stream.ParallelFrames >= 1, $"{stream.ParallelFrames} frames after the first");
        Assert.False(stream.Sequential);
    }

    [Fact]
    public void ConcatenatedCliFrames_EachDecodedWhole_Exact()
    {
        using var dir = new TempDirectory();
        var a = StateTrees.Content(25, 100_000);
        var b = StateTrees.Content(26, 150_000);

        var (output, stream) = Decode([.. Cli(dir, a, "zstd", "-3"), .. Cli(dir, b, "zstd", "-19")]);

        Assert.Equal([.. a, .. b], output);
        Assert.Equal(1, stream.ParallelFrames);
    }

    [Fact]
    public void SmallFramesThenALargeOneThenSmallOnes_TheRestIsSequential_Exact()
    {
        using var dir = new TempDirectory();
        var small = StateTrees.Content(27, 3 * FrameBytes);
        var large = StateTrees.Content(28, 1 << 20);
        var tail = StateTrees.Content(29, 2 * FrameBytes);
        byte[] compressed = [.. CreateStyle(small), .. Cli(dir, large, "zstd", "-3"), .. CreateStyle(tail)];

        var (output, stream) = Decode(compressed);

        Assert.Equal([.. small, .. large, .. tail], output);
        Assert.Equal(2, stream.ParallelFrames);
        Assert.True(stream.Sequential);
    }

    [Fact]
    public void TruncatedInsideAFrame_EarlierFramesFirst_ThenTruncated()
    {
        var data = StateTrees.Content(30, 8 * FrameBytes);
        var compressed = CreateStyle(data);
        var firstFrame = (int)BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 9 - (8 * 8)));
        var cut = compressed.AsSpan(0, (firstFrame * 3) + 100).ToArray();

        var stream = new ParallelZstdDecompressStream(new MemoryStream(cut), 3, MaxFrame);
        using var copy = new MemoryStream();
        var buffer = new byte[4096];
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, n);
            }
        });
        stream.Dispose();

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(copy.Length >= 2 * FrameBytes, $"{copy.Length} bytes before the error");
        Assert.Equal(data.AsSpan(0, (int)copy.Length).ToArray(), copy.ToArray());
    }

    [Fact]
    public void CorruptByteInAFrame_FailsWithZstdsError_AfterTheFramesBeforeIt()
    {
        var data = StateTrees.Content(31, 8 * FrameBytes);
        var compressed = CreateStyle(data);
        var firstFrame = (int)BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 9 - (8 * 8)));

        // The last byte of frame 0's block data flips: the checksum (or the entropy decoder) catches it.
        compressed[firstFrame - 5] ^= 0x5A;
        var stream = new ParallelZstdDecompressStream(new MemoryStream(compressed), 3, MaxFrame);
        var error = Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
        stream.Dispose();

        Assert.StartsWith("zstd decompress failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeekTableDisagreeingWithTheFrames_IsReported_DataStillExact()
    {
        var data = StateTrees.Content(32, 4 * FrameBytes);
        var compressed = CreateStyle(data);

        // Entry 1's decompressed size (the table is 4 entries of 8 bytes, then the 9-byte footer).
        var entry = compressed.Length - 9 - (4 * 8) + 8 + 4;
        BinaryPrimitives.WriteUInt32LittleEndian(compressed.AsSpan(entry), FrameBytes + 1);

        var (output, stream) = Decode(compressed);

        Assert.Equal(data, output);
        Assert.Equal(SeekTableCheck.Mismatched, stream.SeekTable);
    }

    [Fact]
    public void GarbageAfterTheFrames_FailsAsTheSequentialDecoderDoes()
    {
        var data = StateTrees.Content(33, 2 * FrameBytes);
        byte[] compressed = [.. CreateStyle(data), 1, 2, 3, 4, 5, 6, 7, 8];

        var parallel = Assert.Throws<InvalidDataException>(() => Decode(compressed));
        var sequential = Assert.Throws<InvalidDataException>(() => new ZstdDecompressStream(new MemoryStream(compressed)).CopyTo(Stream.Null));

        Assert.Equal(sequential.Message, parallel.Message);
    }

    [Fact]
    public void EmptyStream_IsAnError()
    {
        var error = Assert.Throws<InvalidDataException>(() => Decode([]));

        Assert.Equal("zstd stream is empty", error.Message);
    }

    [Theory]
    [InlineData("pzstd")]
    [InlineData("create")]
    public async Task Restore_GnuTarArchiveInIndependentFrames_DecodedInParallel_Exact(string compressor)
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("src"), files: 6, fileSize: 200 * 1024);
        var tar = Tools.GnuTar(source, dir.Combine("a.tar"), "state");
        var archive = dir.Combine("a.tar.zst");
        if (compressor == "pzstd")
        {
            Tools.Run("pzstd", dir.Path, "-q", "-3", "-p", "2", tar, "-o", archive);
        }
        else
        {
            File.WriteAllBytes(archive, CreateStyle(File.ReadAllBytes(tar)));
        }

        var snapshot = new FoundationSnapshot(source, archive, Tools.Sha256Sum(archive), "a.tar.zst");
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", new Uri(archive).ToString(), "--sha256", snapshot.Sha256, "--decode-threads", "3", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        var frames = (new FileInfo(tar).Length + FrameBytes - 1) / FrameBytes;
        Assert.Matches(compressor == "create" ? $"zstd: the first frame streamed, {frames - 1} more decoded up to 3 at a time" : @"zstd: the first frame streamed, \d+ more decoded up to 3 at a time", result.Output);
    }
}
