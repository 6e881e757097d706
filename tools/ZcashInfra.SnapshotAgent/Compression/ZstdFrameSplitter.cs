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
    private bool _sawAnything;
    private byte[]? _seekTable;

    /// <param name="input">The compressed stream (read in small pieces: give it a buffered stream).</param>
    /// <param name="maxFrameBytes">Largest frame handed out whole, by compressed size and by decoded size bound.</param>
    public ZstdFrameSplitter(Stream input, long maxFrameBytes)
    {
        _input = input;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>Whether the stream's seek table (if any was read) lists exactly the frames seen before it, with their decoded sizes.</summary>
    public SeekTableCheck SeekTable => _seekTable is null ? SeekTableCheck.None : Compare(_seekTable);

    /// <summary>Data frames handed out so far.</summary>
    public int Frames => _frames.Count;

    /// <summary>
    /// Reads the next data frame into <paramref name="frame"/> (skippable frames in between are
    /// consumed). <see cref="Split.Frame"/>: the frame's bytes and a bound on its decoded size;
    /// <see cref="Split.End"/>: the stream ended between frames; <see cref="Split.Stop"/>: the
    /// buffer holds the start of something this splitter will not hand out whole (a frame larger
    /// than the limit, an unknown magic number), to be decoded sequentially from there.
    /// </summary>
    public Split Next(FrameBuffer frame)
    {
        while (true)
        {
            frame.Length = 0;
            var got = Fill(frame, 4);
            if (got == 0)
            {
                return _sawAnything ? Split.End : throw new InvalidDataException("zstd stream is empty");
            }

            _sawAnything = true;
            if (got < 4)
            {
                throw Truncated();
            }

            var magic = BinaryPrimitives.ReadUInt32LittleEndian(frame.Data);
            if ((magic & 0xFFFFFFF0) == 0x184D2A50)
            {
                Skippable(magic);
                continue;
            }

            return magic == FrameMagic ? DataFrame(frame) : Split.Stop;
        }
    }

    private Split DataFrame(FrameBuffer frame)
    {
        Require(frame, 1);
        var descriptor = frame.Data[4];
        var fcsFlag = descriptor >> 6;
        var singleSegment = (descriptor & 0x20) != 0;
        var checksum = (descriptor & 0x04) != 0;
        var didSize = (descriptor & 0x03) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var fcsSize = fcsFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        var headerRest = (singleSegment ? 0 : 1) + didSize + fcsSize;
        Require(frame, headerRest);

        long? contentSize = null;
        if (fcsSize > 0)
        {
            var field = frame.Data.AsSpan(frame.Length - fcsSize, fcsSize);
            contentSize = fcsSize switch
            {
                1 => field[0],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256L,
                4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
                _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue),
            };
            if (contentSize > _maxFrameBytes)
            {
                return Split.Stop;
            }
        }

        long bound = 0;
        while (true)
        {
            Require(frame, 3);
            var header = frame.Data[frame.Length - 3] | (frame.Data[frame.Length - 2] << 8) | (frame.Data[frame.Length - 1] << 16);
            var last = (header & 1) != 0;
            var type = (header >> 1) & 3;
            var size = header >> 3;
            (var content, var decoded) = type switch
            {
                0 => (size, size),
                1 => (1, size),
                2 => (size, BlockMaximumSize),
                _ => throw new InvalidDataException("zstd stream is corrupt: reserved block type"),
            };
            bound += decoded;
            if (bound > _maxFrameBytes || frame.Length + content > _maxFrameBytes)
            {
                return Split.Stop;
            }

            Require(frame, content);
            if (last)
            {
                break;
            }
        }

        if (checksum)
        {
            Require(frame, 4);
        }

        var decodedBound = contentSize is { } exact ? Math.Min(exact, bound) : bound;
        _frames.Add((frame.Length, -1));
        frame.DecodedBound = decodedBound;
        return Split.Frame;
    }

    /// <summary>Records a handed-out frame's decoded size once known (for the seek table comparison).</summary>
    public void Decoded(int index, long size) => _frames[index] = (_frames[index].Compressed, size);

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

    /// <summary>Appends exactly <paramref name="count"/> more bytes to the frame or throws "truncated".</summary>
    private void Require(FrameBuffer frame, int count)
    {
        if (Fill(frame, count) < count)
        {
            throw Truncated();
        }
    }

    private int Fill(FrameBuffer frame, int count)
    {
        frame.Reserve(count);
        var got = _input.ReadAtLeast(frame.Data.AsSpan(frame.Length, count), count, throwOnEndOfStream: false);
        frame.Length += got;
        return got;
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
