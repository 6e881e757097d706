namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// A write-only stream that compresses into one zstd frame (with the content checksum the zstd CLI
/// also writes) through libzstd, using several threads when the library supports them. The frame
/// is closed on <see cref="Dispose(bool)"/>; output is readable by `zstd -d` and `tar --zstd`.
/// </summary>
public sealed unsafe class ZstdCompressStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _output;
    private nint _cctx;

    public ZstdCompressStream(Stream inner, int level, int workers, bool leaveOpen = false)
    {
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
            var input = new ZstdNative.Buffer { Data = inPtr, Size = (nuint)buffer.Length, Pos = 0 };
            while (input.Pos < input.Size)
            {
                Drive(&input, ZstdNative.EndContinue);
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
                    EndFrame();
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
