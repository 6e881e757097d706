using System.Buffers.Binary;
using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>Independent frames of a fixed size plus a seek table: still one stream for zstd, tar and restore.</summary>
public class MultiFrameZstdTests
{
    private const int FrameBytes = 64 * 1024;

    private static byte[] Compress(byte[] data, long? frameBytes)
    {
        using var output = new MemoryStream();
        using (var zstd = new ZstdCompressStream(output, 3, 2, leaveOpen: true, frameBytes: frameBytes))
        {
            // Writes that straddle frame boundaries.
            for (var at = 0; at < data.Length; at += 50_000)
            {
                zstd.Write(data, at, Math.Min(50_000, data.Length - at));
            }
        }

        return output.ToArray();
    }

    [Fact]
    public void FixedSizeFrames_ReadByTheZstdCli_WithASeekTableThatAddsUp()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(7, (16 * FrameBytes) + 1234);
        var compressed = Compress(data, FrameBytes);
        var path = dir.Combine("m.zst");
        File.WriteAllBytes(path, compressed);

        Tools.Run("zstd", dir.Path, "-q", "-d", path, "-o", dir.Combine("back"));
        Assert.Equal(data, File.ReadAllBytes(dir.Combine("back")));

        // zstd -l: 18 frames in all (its "Frames" column counts the skippable one), 1 of them skippable.
        var listing = Tools.Run("zstd", dir.Path, "-l", path).Split('\n')[1];
        Assert.Equal(["18", "1"], listing.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]);

        // The seekable format's footer and entries, read from the end as a parallel reader would.
        Assert.Equal(0x8F92EAB1u, BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(^4)));
        var frames = (int)BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(^9));
        Assert.Equal(17, frames);
        var tableStart = compressed.Length - 9 - (frames * 8);
        Assert.Equal(0x184D2A5Eu, BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(tableStart - 8)));
        long compressedSum = 0, decompressedSum = 0;
        for (var i = 0; i < frames; i++)
        {
            var entry = compressed.AsSpan(tableStart + (i * 8));
            var frameSize = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            var content = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            Assert.Equal(i < frames - 1 ? FrameBytes : 1234, (int)content);

            // Each frame starts with the zstd magic and decodes on its own.
            Assert.Equal(0xFD2FB528u, BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan((int)compressedSum)));
            var one = dir.Combine($"f{i}.zst");
            File.WriteAllBytes(one, compressed.AsSpan((int)compressedSum, (int)frameSize).ToArray());
            Tools.Run("zstd", dir.Path, "-q", "-d", one, "-o", one + ".out");
            Assert.Equal(data.AsSpan((int)decompressedSum, (int)content).ToArray(), File.ReadAllBytes(one + ".out"));
            compressedSum += frameSize;
            decompressedSum += content;
        }

        Assert.Equal(tableStart - 8, compressedSum);
        Assert.Equal(data.Length, decompressedSum);
    }

    [Fact]
    public void ExactMultipleOfTheFrameSize_EndsWithoutAnEmptyFrame_AndTheAgentsDecoderReadsIt()
    {
        var data = StateTrees.Content(8, 4 * FrameBytes);
        var compressed = Compress(data, FrameBytes);

        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(^9)));
        using var back = new ZstdDecompressStream(new MemoryStream(compressed));
        using var copy = new MemoryStream();
        back.CopyTo(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public void WithoutAFrameSize_OneFrameAndNoTable()
    {
        var data = StateTrees.Content(9, 4 * FrameBytes);
        var compressed = Compress(data, null);

        Assert.NotEqual(0x8F92EAB1u, BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(^4)));
        using var back = new ZstdDecompressStream(new MemoryStream(compressed));
        using var copy = new MemoryStream();
        back.CopyTo(copy);
        Assert.Equal(data, copy.ToArray());
    }
}
