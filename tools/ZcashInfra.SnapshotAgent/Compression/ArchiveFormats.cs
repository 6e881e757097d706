using System.IO.Compression;

namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// Detects an archive's compression from its first bytes (not its name: URLs carry query strings
/// and mirrors rename files) and opens the matching decompressor.
/// </summary>
public static class ArchiveFormats
{
    /// <summary>Bytes needed by <see cref="Detect"/>.</summary>
    public const int MagicLength = 4;

    /// <summary>
    /// The format of a stream starting with <paramref name="head"/>. A zstd stream may start with a
    /// data frame (magic 0xFD2FB528) or a skippable frame (magic 0x184D2A50 to 0x184D2A5F, RFC 8878
    /// §3.1.2), which is how pzstd starts every archive; both are little-endian on the wire.
    /// </summary>
    public static ArchiveFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD)
        {
            return ArchiveFormat.Zstd;
        }

        if (head.Length >= 4 && (head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18)
        {
            return ArchiveFormat.Zstd;
        }

        return head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B ? ArchiveFormat.Gzip : ArchiveFormat.Tar;
    }

    /// <summary>The format a file name asks for when writing (create): <c>.tar.zst</c>, <c>.tar.gz</c>/<c>.tgz</c> or <c>.tar</c>.</summary>
    public static ArchiveFormat FromFileName(string name)
    {
        if (name.EndsWith(".tar.zst", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tzst", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.Zstd;
        }

        if (name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.Gzip;
        }

        return name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
            ? ArchiveFormat.Tar
            : throw new ArgumentException($"archive name must end in .tar.zst, .tar.gz or .tar: {name}", nameof(name));
    }

    /// <summary>
    /// Default number of independent zstd frames decoded at once on restore and verify: 1, frames
    /// one after another on the extracting thread, as measured fastest on a 2-vCPU VM
    /// (tools/ZcashInfra.SnapshotAgent/README.md, "Multi-frame archives"); more only when asked
    /// (<c>--decode-threads</c>), since a frame decoded in parallel is only extracted once it has
    /// arrived whole, which delays the first files of an archive by up to one frame.
    /// </summary>
    public const int DefaultDecodeThreads = 1;

    /// <summary>Wraps <paramref name="source"/> (positioned at the archive's first byte) in a decompressor; zstd frames are decoded <paramref name="decodeThreads"/> at a time.</summary>
    public static Stream OpenRead(Stream source, ArchiveFormat format, int decodeThreads = 1) => format switch
    {
        ArchiveFormat.Zstd => decodeThreads > 1 ? new ParallelZstdDecompressStream(source, decodeThreads) : new ZstdDecompressStream(source),
        ArchiveFormat.Gzip => new GZipStream(source, CompressionMode.Decompress),
        _ => source,
    };

    /// <summary>
    /// Uncompressed bytes per independent zstd frame of the archives create writes. Measured on a
    /// 256 MiB synthetic zebrad state at level 3 (tools/ZcashInfra.SnapshotAgent/README.md,
    /// "Multi-frame archives"): 1 MiB and 4 MiB frames cost 0.86% in size, 16 MiB 0.29%, 32 MiB and
    /// 64 MiB nothing measurable against one frame; 32 MiB still gives a 270 GB archive ~8,000
    /// frames to spread over cores.
    /// </summary>
    public const long FrameBytes = 32L << 20;

    /// <summary>Wraps <paramref name="destination"/> in a compressor; disposing it ends the stream but leaves <paramref name="destination"/> open.</summary>
    public static Stream OpenWrite(Stream destination, ArchiveFormat format, int? level) => format switch
    {
        ArchiveFormat.Zstd => new ZstdCompressStream(destination, level ?? 3, Environment.ProcessorCount, leaveOpen: true, frameBytes: FrameBytes),
        ArchiveFormat.Gzip => new GZipStream(destination, level is >= 7 ? CompressionLevel.SmallestSize : level is <= 2 ? CompressionLevel.Fastest : CompressionLevel.Optimal, leaveOpen: true),
        _ => new NonClosingStream(destination),
    };
}
