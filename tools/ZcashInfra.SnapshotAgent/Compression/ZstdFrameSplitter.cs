using System.Buffers.Binary;

namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>
/// Cuts a zstd stream into whole frames without decoding them, so that independent frames can be
/// decoded in parallel. A frame's end is found from its header and its blocks' 3-byte headers
/// (facebook/zstd doc/zstd_compression_format.md, "Frame_Header" and "Blocks"): the header gives
/// the sizes of the optional fields, every block header gives its type and size, the last block is
/// flagged, and a 4-byte checksum follows it when the header says so. Skippable frames (magic
/// 0x184D2A50–0x184D2A5F, "Skippable frames") are passed over; the one holding the zstd seekable
/// format's seek table (facebook/zstd contrib/seekable_format/zstd_seekable_compression_format.md)
/// is compared with the frames actually seen.
/// </summary>
internal sealed class ZstdFrameSplitter
{
    private const uint FrameMagic = 0xFD2FB528;
    private const uint SeekTableMagic = 0x184D2A5E;
    private const uint SeekableFooterMagic = 0x8F92EAB1;

    /// <summary>Block_Maximum_Size is at most 128 KiB ("Block_Content and Block_Maximum_Size").</summary>
    private const int BlockMaximumSize = 128 * 1024;

    /// <summary>Seek tables larger than this are skipped unread (16 MiB: two million frames).</summary>
    private const int MaxSeekTableBytes = 16 << 20;

    private readonly Stream _input;
    private readonly long _maxFrameBytes;
    private readonly List<(long Compressed, long Decompressed)> _frames = [];
    private readonly byte[] _pending = new byte[32];
    private int _pendingPos;
    private int _pendingLength;
    private bool _sawAnything;
    private byte[]? _seekTable;

    // The data frame being read.
    private long _blockLeft;
    private bool _lastBlock;
    private bool _checksum;
    private bool _checksumQueued;
    private bool _frameDone = true;
    private long _compressed;

    /// <param name="input">The compressed stream (read in small pieces: give it a buffered stream).</param>
    /// <param name="maxFrameBytes">Largest frame <see cref="Next"/> hands out whole, by compressed size and by decoded size bound.</param>
    public ZstdFrameSplitter(Stream input, long maxFrameBytes)
    {
        _input = input;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>Whether the stream's seek table (if any was read) lists exactly the frames seen before it, with their decoded sizes.</summary>
    public SeekTableCheck SeekTable => _seekTable is null ? SeekTableCheck.None : Compare(_seekTable);

    /// <summary>Data frames begun so far.</summary>
    public int Frames => _frames.Count;

    /// <summary>The frame header's content size, when it has one.</summary>
    public long? ContentSize { get; private set; }

    /// <summary>A bound on the decoded size of the blocks read so far (128 KiB per compressed block).</summary>
    public long DecodedBound { get; private set; }

    /// <summary>
    /// Moves to the next data frame, consuming skippable frames on the way. <see cref="Split.Frame"/>:
    /// <see cref="ReadFrame"/> now returns its bytes (magic number first); <see cref="Split.End"/>:
    /// the stream ended between frames; <see cref="Split.Stop"/>: something that is not a frame
    /// (its first bytes are pending: <see cref="TakePending"/>).
    /// </summary>
    public Split Begin()
    {
        if (!_frameDone)
        {
            throw new InvalidOperationException("the current frame has not been read to its end");
        }

        while (true)
        {
            _pendingPos = 0;
            _pendingLength = _input.ReadAtLeast(_pending.AsSpan(0, 4), 4, throwOnEndOfStream: false);
            if (_pendingLength == 0)
            {
                return _sawAnything ? Split.End : throw new InvalidDataException("zstd stream is empty");
            }

            _sawAnything = true;
            if (_pendingLength < 4)
            {
                throw Truncated();
            }

            var magic = BinaryPrimitives.ReadUInt32LittleEndian(_pending);
            if ((magic & 0xFFFFFFF0) == 0x184D2A50)
            {
                _pendingLength = 0;
                Skippable(magic);
                continue;
            }

            if (magic != FrameMagic)
            {
                return Split.Stop;
            }

            Header();
            return Split.Frame;
        }
    }

    /// <summary>The current frame's next bytes (up to its end, then 0).</summary>
    public int ReadFrame(Span<byte> destination)
    {
        while (true)
        {
            if (_pendingPos < _pendingLength)
            {
                var n = Math.Min(destination.Length, _pendingLength - _pendingPos);
                _pending.AsSpan(_pendingPos, n).CopyTo(destination);
                _pendingPos += n;
                return n;
            }

            if (_frameDone)
            {
                return 0;
            }

            if (_blockLeft > 0)
            {
                var n = _input.Read(destination[..(int)Math.Min(destination.Length, _blockLeft)]);
                if (n == 0)
                {
                    throw Truncated();
                }

                _blockLeft -= n;
                _compressed += n;
                return n;
            }

            if (!_lastBlock)
            {
                Queue(3);
                var header = _pending[0] | (_pending[1] << 8) | (_pending[2] << 16);
                _lastBlock = (header & 1) != 0;
                var size = header >> 3;
                (_blockLeft, var decoded) = ((header >> 1) & 3) switch
                {
                    0 => (size, size),
                    1 => (1, size),
                    2 => (size, BlockMaximumSize),
                    _ => throw new InvalidDataException("zstd stream is corrupt: reserved block type"),
                };
                DecodedBound += decoded;
            }
            else if (_checksum && !_checksumQueued)
            {
                Queue(4);
                _checksumQueued = true;
            }
            else
            {
                _frameDone = true;
                _frames.Add((_compressed, -1));
            }
        }
    }

    /// <summary>
    /// Reads the next data frame whole into <paramref name="frame"/>. <see cref="Split.Frame"/>: all
    /// of it, with <see cref="FrameBuffer.DecodedBound"/> set; <see cref="Split.End"/>: no more
    /// frames; <see cref="Split.Stop"/>: the buffer holds the start of something not handed out
    /// whole (a frame that could decode to more than the limit, an unknown magic number), to be
    /// decoded sequentially from there on.
    /// </summary>
    public Split Next(FrameBuffer frame)
    {
        frame.Length = 0;
        var split = Begin();
        if (split == Split.Frame && ContentSize > _maxFrameBytes)
        {
            split = Split.Stop;
        }

        while (split == Split.Frame)
        {
            frame.Reserve(1 << 16);
            var n = ReadFrame(frame.Data.AsSpan(frame.Length));
            frame.Length += n;
            if (n == 0)
            {
                frame.DecodedBound = ContentSize is { } exact ? Math.Min(exact, DecodedBound) : DecodedBound;
                return Split.Frame;
            }

            if (DecodedBound > _maxFrameBytes || frame.Length > _maxFrameBytes)
            {
                split = Split.Stop;
            }
        }

        if (split == Split.Stop)
        {
            var pending = TakePending();
            frame.Reserve(pending.Length);
            pending.CopyTo(frame.Data.AsSpan(frame.Length));
            frame.Length += pending.Length;
        }

        return split;
    }

    /// <summary>Bytes read from the input but not yet handed out (handing them over ends this splitter's part).</summary>
    public ReadOnlySpan<byte> TakePending()
    {
        var pending = _pending.AsSpan(_pendingPos, _pendingLength - _pendingPos);
        _pendingPos = _pendingLength;
        _frameDone = true;
        return pending;
    }

    /// <summary>Records a frame's decoded size once known (for the seek table comparison).</summary>
    public void Decoded(int index, long size) => _frames[index] = (_frames[index].Compressed, size);

    /// <summary>Reads the frame header after the magic number into the pending bytes.</summary>
    private void Header()
    {
        _compressed = 4;
        Append(1);
        var descriptor = _pending[4];
        var fcsFlag = descriptor >> 6;
        var singleSegment = (descriptor & 0x20) != 0;
        _checksum = (descriptor & 0x04) != 0;
        var didSize = (descriptor & 0x03) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var fcsSize = fcsFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        Append((singleSegment ? 0 : 1) + didSize + fcsSize);
        var field = _pending.AsSpan(_pendingLength - fcsSize, fcsSize);
        ContentSize = fcsSize switch
        {
            0 => null,
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256L,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue),
        };
        DecodedBound = 0;
        _blockLeft = 0;
        _lastBlock = false;
        _checksumQueued = false;
        _frameDone = false;
    }

    /// <summary>Replaces the (consumed) pending bytes with the next <paramref name="count"/> bytes of input.</summary>
    private void Queue(int count)
    {
        _pendingPos = 0;
        _pendingLength = 0;
        Append(count);
    }

    /// <summary>Appends exactly <paramref name="count"/> bytes of input to the pending bytes, or throws "truncated".</summary>
    private void Append(int count)
    {
        if (_input.ReadAtLeast(_pending.AsSpan(_pendingLength, count), count, throwOnEndOfStream: false) < count)
        {
            throw Truncated();
        }

        _pendingLength += count;
        _compressed += count;
    }

    private void Skippable(uint magic)
    {
        Span<byte> sizeField = stackalloc byte[4];
        if (_input.ReadAtLeast(sizeField, 4, throwOnEndOfStream: false) < 4)
        {
            throw Truncated();
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(sizeField);
        if (magic == SeekTableMagic && size <= MaxSeekTableBytes)
        {
            var content = new byte[size];
            if (_input.ReadAtLeast(content, content.Length, throwOnEndOfStream: false) < content.Length)
            {
                throw Truncated();
            }

            if (content.Length >= 9 && BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(^4)) == SeekableFooterMagic)
            {
                _seekTable = content;
            }

            return;
        }

        var left = (long)size;
        var sink = new byte[(int)Math.Min(left, 1 << 16)];
        while (left > 0)
        {
            var n = _input.Read(sink, 0, (int)Math.Min(left, sink.Length));
            if (n == 0)
            {
                throw Truncated();
            }

            left -= n;
        }
    }

    /// <summary>The seek table's footer (frame count, descriptor, magic) and entries, against the frames seen and decoded.</summary>
    private SeekTableCheck Compare(byte[] table)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(^9));
        var entrySize = (table[^5] & 0x80) != 0 ? 12 : 8;
        if ((long)count * entrySize != table.Length - 9 || count != _frames.Count)
        {
            return SeekTableCheck.Mismatched;
        }

        for (var i = 0; i < _frames.Count; i++)
        {
            var entry = table.AsSpan(i * entrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(entry) != _frames[i].Compressed
                || BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]) != _frames[i].Decompressed)
            {
                return SeekTableCheck.Mismatched;
            }
        }

        return SeekTableCheck.Matched;
    }

    private static InvalidDataException Truncated() => new("zstd stream is truncated (ends inside a frame)");

    public enum Split
    {
        Frame,
        End,
        Stop,
    }
}

/// <summary>A growable buffer holding one compressed frame.</summary>
internal sealed class FrameBuffer
{
    public byte[] Data { get; private set; } = new byte[1 << 16];

    public int Length { get; set; }

    public long DecodedBound { get; set; }

    public void Reserve(int more)
    {
        if (Length + more > Data.Length)
        {
            var bigger = GC.AllocateUninitializedArray<byte>((int)Math.Max(Length + more, Math.Min((long)Data.Length * 2, Array.MaxLength)));
            Data.AsSpan(0, Length).CopyTo(bigger);
            Data = bigger;
        }
    }
}

/// <summary>What the seek table at the end of a multi-frame archive said about its frames.</summary>
public enum SeekTableCheck
{
    /// <summary>No seek table was read (none there, or the stream was not read to its end).</summary>
    None,

    /// <summary>It lists exactly the frames decoded, with their sizes.</summary>
    Matched,

    /// <summary>It disagrees with the frames decoded.</summary>
    Mismatched,
}
