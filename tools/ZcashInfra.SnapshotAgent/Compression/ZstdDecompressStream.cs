namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// A read-only stream that decompresses zstd from an inner stream through libzstd. Accepts
/// concatenated frames (pzstd and `zstd -T` output) and skippable frames; a stream that ends
/// inside a frame is reported as truncated, never as a short but "valid" tar.
/// </summary>
public sealed unsafe class ZstdDecompressStream : Stream
{
    /// <summary>Accept frames with windows up to 2 GiB (`zstd --long=31`); memory is used only if a frame asks for it.</summary>
    private const int WindowLogMax = 31;

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _input;
    private nint _dctx;
    private int _inputPos;
    private int _inputLength;
    private bool _innerEnded;
    private bool _frameOpen;
    private bool _sawAnyInput;

    public ZstdDecompressStream(Stream inner, bool leaveOpen = false, int inputBufferSize = 1 << 17)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        _input = new byte[inputBufferSize];
        _dctx = ZstdNative.CreateDCtx();
        if (_dctx == 0)
        {
            throw new OutOfMemoryException("ZSTD_createDCtx failed");
        }

        ZstdNative.Check(ZstdNative.SetDParameter(_dctx, ZstdNative.WindowLogMaxParameter, WindowLogMax), "set window log max");
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_dctx == 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_inputPos == _inputLength && !_innerEnded)
            {
                _inputLength = _inner.Read(_input, 0, _input.Length);
                _inputPos = 0;
                if (_inputLength == 0)
                {
                    _innerEnded = true;
                }
                else
                {
                    _sawAnyInput = true;
                }
            }

            // Called even with no input left: zstd may still hold decoded output to flush.
            var produced = Step(buffer);
            if (produced > 0)
            {
                return produced;
            }

            if (_inputPos == _inputLength && _innerEnded)
            {
                if (_frameOpen || !_sawAnyInput)
                {
                    throw new InvalidDataException(_sawAnyInput ? "zstd stream is truncated (ends inside a frame)" : "zstd stream is empty");
                }

                return 0;
            }
        }
    }

    private int Step(Span<byte> destination)
    {
        fixed (byte* outPtr = destination)
        fixed (byte* inPtr = _input)
        {
            var output = new ZstdNative.Buffer { Data = outPtr, Size = (nuint)destination.Length, Pos = 0 };
            var input = new ZstdNative.Buffer { Data = inPtr + _inputPos, Size = (nuint)(_inputLength - _inputPos), Pos = 0 };
            var hint = ZstdNative.Check(ZstdNative.DecompressStream(_dctx, &output, &input), "decompress");
            _inputPos += (int)input.Pos;

            // 0 means a frame just ended; anything else means the current frame still needs input
            // (or has output buffered that the next call will flush). A call that moved nothing
            // (no input left after a frame ended) only hints at the next frame's header: no change.
            if (input.Pos > 0 || output.Pos > 0)
            {
                _frameOpen = hint != 0;
            }

            return (int)output.Pos;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_dctx != 0)
        {
            _ = ZstdNative.FreeDCtx(_dctx);
            _dctx = 0;
        }

        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
