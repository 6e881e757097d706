namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// A write-only stream that compresses through libzstd (content checksum as the zstd CLI writes
/// it; several threads when the library supports them). With a frame size, the output is a series
/// of independent frames of that many uncompressed bytes each (the last one shorter), followed by
/// a seek table in the zstd seekable format (a skippable frame listing each frame's compressed and
/// uncompressed size: facebook/zstd contrib/seekable_format/zstd_seekable_compression_format.md),
/// which is what a reader needs to decode frames in parallel; decoders skip skippable frames
/// (facebook/zstd doc/zstd_compression_format.md, "Skippable frames"), so `zstd -d` and
/// `tar --zstd` read it as one stream. Without a frame size: one frame, no table. Frames are closed
/// on <see cref="Dispose(bool)"/>.
/// </summary>
public sealed unsafe class ZstdCompressStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _output;
    private readonly long _frameBytes;
    private readonly List<(uint Compressed, uint Decompressed)> _frames = [];
    private long _inFrame;
    private long _frameCompressed;
    private nint _cctx;

    /// <summary>Skippable frame magic used by the seekable format's seek table.</summary>
    private const uint SeekTableFrameMagic = 0x184D2A5E;

    /// <summary>The seekable format's footer magic.</summary>
    private const uint SeekableMagic = 0x8F92EAB1;

    /// <summary>The seekable format's largest frame (1 GiB of uncompressed data).</summary>
    public const long MaxFrameBytes = 0x40000000;

    /// <param name="inner">Where compressed bytes go.</param>
    /// <param name="level">zstd level.</param>
    /// <param name="workers">libzstd worker threads (0 or 1: none).</param>
    /// <param name="leaveOpen">Leave <paramref name="inner"/> open on dispose.</param>
    /// <param name="frameBytes">Uncompressed bytes per independent frame (null: one frame).</param>
    public ZstdCompressStream(Stream inner, int level, int workers, bool leaveOpen = false, long? frameBytes = null)
    {
        if (frameBytes is <= 0 or > MaxFrameBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(frameBytes), frameBytes, $"frame size must be 1 byte to {MaxFrameBytes} bytes");
        }

        _frameBytes = frameBytes ?? long.MaxValue;
        _inner = inner;
        _leaveOpen = leaveOpen;
        _output = new byte[(int)ZstdNative.CStreamOutSize()];
        _cctx = ZstdNative.CreateCCtx();
        if (_cctx == 0)
        {
            throw new OutOfMemoryException("ZSTD_createCCtx failed");
        }

        ZstdNative.Check(ZstdNative.SetCParameter(_cctx, ZstdNative.CompressionLevelParameter, level), "set level");
        ZstdNative.Check(ZstdNative.SetCParameter(_cctx, ZstdNative.ChecksumFlagParameter, 1), "set checksum");
        if (workers > 1)
        {
            // A libzstd built without threads rejects this; single-threaded output is identical in format.
            _ = ZstdNative.SetCParameter(_cctx, ZstdNative.WorkersParameter, workers);
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_cctx == 0, this);
        fixed (byte* inPtr = buffer)
        {
            var offset = 0;
            while (offset < buffer.Length)
            {
                // Feed at most the rest of the current frame, then close it.
                var take = (int)Math.Min(buffer.Length - offset, _frameBytes - _inFrame);
                var input = new ZstdNative.Buffer { Data = inPtr + offset, Size = (nuint)take, Pos = 0 };
                while (input.Pos < input.Size)
                {
                    Drive(&input, ZstdNative.EndContinue);
                }

                offset += take;
                _inFrame += take;
                if (_inFrame == _frameBytes)
                {
                    EndFrame();
                }
            }
        }
    }

    /// <summary>Runs one compression step and writes whatever output it produced; returns zstd's "remaining" hint.</summary>
    private nuint Drive(ZstdNative.Buffer* input, int endOp)
    {
        fixed (byte* outPtr = _output)
        {
            var output = new ZstdNative.Buffer { Data = outPtr, Size = (nuint)_output.Length, Pos = 0 };
            var remaining = ZstdNative.Check(ZstdNative.CompressStream2(_cctx, &output, input, endOp), "compress");
            if (output.Pos > 0)
            {
                _inner.Write(_output, 0, (int)output.Pos);
                _frameCompressed += (long)output.Pos;
            }

            return remaining;
        }
    }

    private void EndFrame()
    {
        var input = new ZstdNative.Buffer { Data = null, Size = 0, Pos = 0 };
        while (Drive(&input, ZstdNative.EndFrame) != 0)
        {
        }

        _frames.Add(((uint)_frameCompressed, (uint)_inFrame));
        _frameCompressed = 0;
        _inFrame = 0;
    }

    /// <summary>The seek table: one entry (compressed size, decompressed size) per frame, then the footer (frame count, descriptor without checksums, magic).</summary>
    private void WriteSeekTable()
    {
        var size = (_frames.Count * 8) + 9;
        var table = new byte[8 + size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table, SeekTableFrameMagic);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), (uint)size);
        var at = 8;
        foreach (var (compressed, decompressed) in _frames)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(at), compressed);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(at + 4), decompressed);
            at += 8;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(at), (uint)_frames.Count);
        table[at + 4] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(at + 5), SeekableMagic);
        _inner.Write(table);
    }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_cctx != 0)
        {
            try
            {
                if (disposing)
                {
                    // A multi-frame stream does not end with an empty frame after a full one.
                    if (_frameBytes == long.MaxValue || _inFrame > 0 || _frames.Count == 0)
                    {
                        EndFrame();
                    }

                    if (_frameBytes != long.MaxValue)
                    {
                        WriteSeekTable();
                    }

                    _inner.Flush();
                }
            }
            finally
            {
                _ = ZstdNative.FreeCCtx(_cctx);
                _cctx = 0;
                if (disposing && !_leaveOpen)
                {
                    _inner.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }
}
