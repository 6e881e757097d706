using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>The libzstd wrapper against the zstd CLI (what published archives are made with).</summary>
public class ZstdTests
{
    private static byte[] Decompress(byte[] compressed, int readSize = 7919)
    {
        using var zstd = new ZstdDecompressStream(new MemoryStream(compressed));
        using var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = zstd.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    private static byte[] CliCompress(TempDirectory dir, byte[] data, string name, params string[] flags)
    {
        var input = dir.Combine(name);
        File.WriteAllBytes(input, data);
        Tools.Run("zstd", dir.Path, ["-q", "-f", .. flags, input, "-o", input + ".zst"]);
        return File.ReadAllBytes(input + ".zst");
    }

    [Fact]
    public void Decompress_ReadsZstdCliOutput()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(7, 3_000_000);
        Assert.Equal(data, Decompress(CliCompress(dir, data, "a", "-3")));
    }

    [Fact]
    public void Decompress_ReadsLongWindowArchives()
    {
        // `zstd --long=31` frames need a window beyond libzstd's default limit.
        using var dir = new TempDirectory();
        var data = StateTrees.Content(8, 1_000_000);
        Assert.Equal(data, Decompress(CliCompress(dir, data, "a", "--long=31")));
    }

    [Fact]
    public void Decompress_ReadsConcatenatedFrames()
    {
        using var dir = new TempDirectory();
        var a = StateTrees.Content(1, 100_000);
        var b = StateTrees.Content(2, 200_000);
        var joined = CliCompress(dir, a, "a").Concat(CliCompress(dir, b, "b")).ToArray();
        Assert.Equal(a.Concat(b).ToArray(), Decompress(joined));
    }

    [Fact]
    public void Decompress_TruncatedStreamThrows()
    {
        using var dir = new TempDirectory();
        var compressed = CliCompress(dir, StateTrees.Content(3, 500_000), "a");
        var error = Assert.Throws<InvalidDataException>(() => Decompress(compressed[..(compressed.Length - 100)]));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompress_FlippedByteThrows()
    {
        using var dir = new TempDirectory();
        var compressed = CliCompress(dir, StateTrees.Content(4, 500_000), "a");
        compressed[compressed.Length / 2] ^= 0x40;
        Assert.Throws<InvalidDataException>(() => Decompress(compressed));
    }

    [Fact]
    public void Decompress_EmptyInputThrows()
    {
        Assert.Throws<InvalidDataException>(() => Decompress([]));
    }

    [Fact]
    public void Compress_OutputIsReadableByZstdCli()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(5, 2_000_000);
        var path = dir.Combine("ours.zst");
        using (var file = File.Create(path))
        using (var zstd = new ZstdCompressStream(file, level: 3, workers: 2, leaveOpen: true))
        {
            zstd.Write(data, 0, 1_000_000);
            zstd.Write(data, 1_000_000, 1_000_000);
        }

        Tools.Run("zstd", dir.Path, "-q", "-t", path);
        Tools.Run("zstd", dir.Path, "-q", "-d", path, "-o", dir.Combine("back"));
        Assert.Equal(data, File.ReadAllBytes(dir.Combine("back")));
        Assert.Equal(data, Decompress(File.ReadAllBytes(path)));
    }

    /// <summary>A skippable frame (RFC 8878 §3.1.2): magic 0x184D2A5X, a 4-byte little-endian size, that many bytes of user data.</summary>
    private static byte[] Skippable(int nibble, byte[] userData)
    {
        var frame = new byte[8 + userData.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame, 0x184D2A50u | (uint)nibble);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (uint)userData.Length);
        userData.CopyTo(frame, 8);
        return frame;
    }

    [Fact]
    public void Decompress_SkipsSkippableFramesAtTheStartInTheMiddleAndAtTheEnd()
    {
        using var dir = new TempDirectory();
        var a = StateTrees.Content(11, 300_000);
        var b = StateTrees.Content(12, 200_000);
        byte[] stream = [.. Skippable(0, [1, 2, 3, 4]), .. CliCompress(dir, a, "a"), .. Skippable(7, new byte[70_000]), .. Skippable(15, []), .. CliCompress(dir, b, "b"), .. Skippable(3, [9])];

        Assert.Equal(ArchiveFormat.Zstd, ArchiveFormats.Detect(stream));
        var expected = a.Concat(b).ToArray();
        Assert.Equal(expected, Decompress(stream));
        Assert.Equal(expected, Decompress(stream, readSize: 1));

        // The zstd CLI (the reference) reads the same stream to the same bytes.
        File.WriteAllBytes(dir.Combine("s.zst"), stream);
        Tools.Run("zstd", dir.Path, "-q", "-d", "-f", dir.Combine("s.zst"), "-o", dir.Combine("s"));
        Assert.Equal(expected, File.ReadAllBytes(dir.Combine("s")));
    }

    [Fact]
    public void Decompress_TruncatedInsideASkippableFrameThrows()
    {
        using var dir = new TempDirectory();
        byte[] stream = [.. CliCompress(dir, StateTrees.Content(13, 10_000), "a"), .. Skippable(0, new byte[1000])];
        var error = Assert.Throws<InvalidDataException>(() => Decompress(stream[..^10]));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompress_ReadsPzstdOutput_WhichStartsWithASkippableFrame()
    {
        using var dir = new TempDirectory();
        var data = StateTrees.Content(14, 6_000_000);
        var input = dir.Combine("p");
        File.WriteAllBytes(input, data);
        Tools.Run("pzstd", dir.Path, "-q", "-p", "2", "-f", input, "-o", input + ".zst");
        var compressed = File.ReadAllBytes(input + ".zst");

        Assert.Equal(0x184D2A50u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(compressed) & 0xFFFFFFF0u);
        Assert.Equal(data, Decompress(compressed));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x2A, 0x4D, 0x18 }, ArchiveFormat.Zstd)]
    [InlineData(new byte[] { 0x5F, 0x2A, 0x4D, 0x18 }, ArchiveFormat.Zstd)]
    [InlineData(new byte[] { 0x60, 0x2A, 0x4D, 0x18 }, ArchiveFormat.Tar)]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, ArchiveFormat.Zstd)]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, ArchiveFormat.Gzip)]
    [InlineData(new byte[] { (byte)'s', (byte)'t', (byte)'a', (byte)'t' }, ArchiveFormat.Tar)]
    public void Detect_UsesMagicBytes(byte[] head, ArchiveFormat expected)
    {
        Assert.Equal(expected, ArchiveFormats.Detect(head));
    }
}
