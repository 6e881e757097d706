using System.Runtime.InteropServices;

namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// The few functions of the system libzstd (Debian's <c>libzstd1</c>) the agent needs: the
/// streaming decompressor and the streaming compressor. The stable, documented zstd API only
/// (zstd.h, "stable" section), so any libzstd ≥ 1.4 works.
/// </summary>
internal static unsafe partial class ZstdNative
{
    private const string Library = "libzstd.so.1";

    /// <summary>ZSTD_c_compressionLevel.</summary>
    public const int CompressionLevelParameter = 100;

    /// <summary>ZSTD_c_checksumFlag: a content checksum per frame, as the zstd CLI writes by default.</summary>
    public const int ChecksumFlagParameter = 201;

    /// <summary>ZSTD_c_nbWorkers: compression threads (ignored by a single-threaded libzstd build).</summary>
    public const int WorkersParameter = 400;

    /// <summary>ZSTD_d_windowLogMax: the largest window a frame may ask for.</summary>
    public const int WindowLogMaxParameter = 100;

    /// <summary>ZSTD_e_continue / ZSTD_e_end.</summary>
    public const int EndContinue = 0;
    public const int EndFrame = 2;

    [StructLayout(LayoutKind.Sequential)]
    public struct Buffer
    {
        public byte* Data;
        public nuint Size;
        public nuint Pos;
    }

    [LibraryImport(Library, EntryPoint = "ZSTD_createDCtx")]
    public static partial nint CreateDCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDCtx")]
    public static partial nuint FreeDCtx(nint dctx);

    [LibraryImport(Library, EntryPoint = "ZSTD_DCtx_setParameter")]
    public static partial nuint SetDParameter(nint dctx, int parameter, int value);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    public static partial nuint DecompressStream(nint dctx, Buffer* output, Buffer* input);

    /// <summary>One-shot decoding of whole frames (checks each frame's content checksum).</summary>
    [LibraryImport(Library, EntryPoint = "ZSTD_decompressDCtx")]
    public static partial nuint DecompressDCtx(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_createCCtx")]
    public static partial nint CreateCCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeCCtx")]
    public static partial nuint FreeCCtx(nint cctx);

    [LibraryImport(Library, EntryPoint = "ZSTD_CCtx_setParameter")]
    public static partial nuint SetCParameter(nint cctx, int parameter, int value);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressStream2")]
    public static partial nuint CompressStream2(nint cctx, Buffer* output, Buffer* input, int endOp);

    [LibraryImport(Library, EntryPoint = "ZSTD_CStreamOutSize")]
    public static partial nuint CStreamOutSize();

    [LibraryImport(Library, EntryPoint = "ZSTD_DStreamOutSize")]
    public static partial nuint DStreamOutSize();

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    public static partial uint IsError(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    public static partial nint GetErrorName(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_versionString")]
    public static partial nint VersionString();

    /// <summary>Throws <see cref="InvalidDataException"/> with zstd's own error text when <paramref name="code"/> is an error.</summary>
    public static nuint Check(nuint code, string operation)
    {
        if (IsError(code) != 0)
        {
            var name = Marshal.PtrToStringUTF8(GetErrorName(code)) ?? "unknown error";
            throw new InvalidDataException($"zstd {operation} failed: {name}");
        }

        return code;
    }

    /// <summary>The loaded library's version, for the startup log line.</summary>
    public static string Version() => Marshal.PtrToStringUTF8(VersionString()) ?? "unknown";
}
