namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// A read-only zstd decompressor that decodes independent frames on several threads and returns
/// their output in stream order: the multi-frame archives <c>create</c> writes (32 MiB of tar per
/// frame) and pzstd's. Frames are found by <see cref="ZstdFrameSplitter"/> as the bytes arrive (no
/// seek needed, so it works inside the one streaming pass). The first data frame is decoded as it
/// streams in, exactly as the sequential decoder would (a single-frame archive such as the Zcash
/// Foundation's is read that way from start to end, with no delay); from the second frame on, up
/// to <c>parallelism</c> frames are read ahead and decoded at once, each into its own buffer, so
/// memory is bounded by <c>parallelism</c> × (frame + decoded frame) whatever the archive's size.
/// A later frame too large to buffer switches the rest of the stream to the sequential
/// <see cref="ZstdDecompressStream"/>. Errors surface in stream order, with zstd's own messages.
/// </summary>
public sealed unsafe class ParallelZstdDecompressStream : Stream
{
    /// <summary>Largest frame decoded whole: twice the frame size create writes.</summary>
    public const long DefaultMaxFrameBytes = 2 * ArchiveFormats.FrameBytes;

    private const int WindowLogMax = 31;

    private readonly Stream _inner;
    private readonly ZstdFrameSplitter _splitter;
    private readonly Queue<Pending> _pending = new();
    private readonly Stack<Slot> _free = new();
    private readonly List<Slot> _slots = [];
    private readonly int _parallelism;
    private Slot? _current;
    private int _currentPos;
    private Stream? _sequential;
    private ZstdDecompressStream? _head;
    private long _headDecoded;
    private bool _started;
    private bool _splitDone;
    private bool _disposed;

    /// <param name="inner">The compressed stream; disposed with this one.</param>
    /// <param name="parallelism">Frames decoded (and buffered) at once, at least 1.</param>
    /// <param name="maxFrameBytes">Larger frames are decoded sequentially.</param>
    public ParallelZstdDecompressStream(Stream inner, int parallelism, long maxFrameBytes = DefaultMaxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _inner = new BufferedStream(inner, 1 << 17);
        _splitter = new ZstdFrameSplitter(_inner, maxFrameBytes);
        _parallelism = parallelism;
    }

    /// <summary>Frames decoded whole (in parallel), after the first one, which is always streamed.</summary>
    public int ParallelFrames { get; private set; }

    /// <summary>Whether the decoder fell back to sequential decoding at some point.</summary>
    public bool Sequential => _sequential is not null;

    /// <summary>Whether the seek table (read only when the stream is read to its end) matched the frames decoded.</summary>
    public SeekTableCheck SeekTable => _splitter.SeekTable;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (!_started)
        {
            Start();
        }

        if (_head is { } head)
        {
            var n = head.Read(buffer);
            if (n > 0)
            {
                _headDecoded += n;
                return n;
            }

            head.Dispose();
            _head = null;
            _splitter.Decoded(0, _headDecoded);
        }

        while (true)
        {
            if (_current is { } slot)
            {
                var n = Math.Min(buffer.Length, slot.Decoded - _currentPos);
                slot.Output.AsSpan(_currentPos, n).CopyTo(buffer);
                _currentPos += n;
                if (_currentPos == slot.Decoded)
                {
                    _current = null;
                    _free.Push(slot);
                }

                if (n > 0)
                {
                    return n;
                }

                continue;
            }

            ReadAhead();
            if (!_pending.TryDequeue(out var next))
            {
                return _sequential?.Read(buffer) ?? 0;
            }

            if (next.Error is { } error)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            }

            var decoded = next.Slot!;
            next.Decode!.GetAwaiter().GetResult();
            _splitter.Decoded(decoded.Index, decoded.Decoded);
            _current = decoded;
            _currentPos = 0;
        }
    }

    /// <summary>The first data frame streams through a sequential decoder that stops at its end.</summary>
    private void Start()
    {
        _started = true;
        switch (_splitter.Begin())
        {
            case ZstdFrameSplitter.Split.Frame:
                _head = new ZstdDecompressStream(new HeadFrame(_splitter), leaveOpen: true);
                break;
            case ZstdFrameSplitter.Split.Stop:
                _sequential = new ZstdDecompressStream(new PrefixedStream(_splitter.TakePending().ToArray(), _inner), leaveOpen: true);
                _splitDone = true;
                break;
            default:
                _splitDone = true;
                break;
        }
    }

    /// <summary>Splits off and starts decoding frames until <c>parallelism</c> are in flight or the splitter stops.</summary>
    private void ReadAhead()
    {
        while (!_splitDone && (_pending.Count + (_current is null ? 0 : 1)) < _parallelism)
        {
            var slot = _free.Count > 0 ? _free.Pop() : NewSlot();
            ZstdFrameSplitter.Split split;
            try
            {
                split = _splitter.Next(slot.Input);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // Frames before the failure are still delivered first, as a sequential decoder would.
                _free.Push(slot);
                _pending.Enqueue(new Pending(null, null, e));
                _splitDone = true;
                return;
            }

            switch (split)
            {
                case ZstdFrameSplitter.Split.Frame:
                    slot.Index = _splitter.Frames - 1;
                    slot.Reserve(slot.Input.DecodedBound);
                    _pending.Enqueue(new Pending(slot, Task.Run(slot.Decode), null));
                    ParallelFrames++;
                    break;
                case ZstdFrameSplitter.Split.End:
                    _free.Push(slot);
                    _splitDone = true;
                    break;
                default:
                    // Everything after this point is read one frame after another, starting with the bytes the splitter already took.
                    var taken = slot.Input.Data.AsSpan(0, slot.Input.Length).ToArray();
                    _free.Push(slot);
                    _sequential = new ZstdDecompressStream(new PrefixedStream(taken, _inner), leaveOpen: true);
                    _splitDone = true;
                    break;
            }
        }
    }

    private Slot NewSlot()
    {
        var slot = new Slot();
        _slots.Add(slot);
        return slot;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;

            // Decoders still running own their context and buffers until they finish.
            foreach (var pending in _pending)
            {
                try
                {
                    pending.Decode?.Wait();
                }
                catch (AggregateException)
                {
                    // The stream is being abandoned; its errors were not asked for.
                }
            }

            foreach (var slot in _slots)
            {
                slot.Free();
            }

            if (disposing)
            {
                _head?.Dispose();
                _sequential?.Dispose();
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private sealed record Pending(Slot? Slot, Task? Decode, Exception? Error);

    /// <summary>The current frame's bytes as a stream that ends where the frame does.</summary>
    private sealed class HeadFrame(ZstdFrameSplitter splitter) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => splitter.ReadFrame(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => splitter.ReadFrame(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>One frame's compressed bytes, its decoded bytes and the decoder context that turns one into the other.</summary>
    private sealed class Slot
    {
        private nint _dctx;

        public FrameBuffer Input { get; } = new();

        public byte[] Output { get; private set; } = [];

        public int Decoded { get; private set; }

        public int Index { get; set; }

        public void Reserve(long bound)
        {
            if (Output.Length < bound)
            {
                Output = GC.AllocateUninitializedArray<byte>((int)bound);
            }
        }

        public void Decode()
        {
            if (_dctx == 0)
            {
                _dctx = ZstdNative.CreateDCtx();
                if (_dctx == 0)
                {
                    throw new OutOfMemoryException("ZSTD_createDCtx failed");
                }

                ZstdNative.Check(ZstdNative.SetDParameter(_dctx, ZstdNative.WindowLogMaxParameter, WindowLogMax), "set window log max");
            }

            fixed (byte* dst = Output)
            fixed (byte* src = Input.Data)
            {
                Decoded = (int)ZstdNative.Check(ZstdNative.DecompressDCtx(_dctx, dst, (nuint)Output.Length, src, (nuint)Input.Length), "decompress");
            }
        }

        public void Free()
        {
            if (_dctx != 0)
            {
                _ = ZstdNative.FreeDCtx(_dctx);
                _dctx = 0;
            }
        }
    }
}
