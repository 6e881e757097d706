using System.Threading.Channels;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// The reading end of the download pipeline: a blocking stream over pooled chunks that the
/// download thread hands over. Lets decompression and extraction run on their own thread while
/// the next megabytes arrive, with memory bounded by the channel's capacity.
/// </summary>
public sealed class ChunkChannelStream : Stream
{
    private readonly ChannelReader<Chunk> _reader;
    private Chunk? _current;
    private int _offset;

    public ChunkChannelStream(ChannelReader<Chunk> reader)
    {
        _reader = reader;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current is null || _offset == _current.Length)
        {
            Release();
            if (!Next())
            {
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.Buffer.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    /// <summary>Reads and discards the rest (so the producer finishes hashing the whole object).</summary>
    public long Drain()
    {
        long drained = 0;
        Span<byte> sink = stackalloc byte[8192];
        int n;
        while ((n = Read(sink)) > 0)
        {
            drained += n;
        }

        return drained;
    }

    private bool Next()
    {
        // Blocking wait: this side runs on its own thread, and TarReader's API is synchronous.
        // A completed channel rethrows the producer's failure here, which unwinds the extractor.
        if (!_reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            return false;
        }

        if (_reader.TryRead(out var chunk))
        {
            _current = chunk;
            _offset = 0;
        }

        return true;
    }

    private void Release()
    {
        _current?.Return();
        _current = null;
        _offset = 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
            while (_reader.TryRead(out var chunk))
            {
                chunk.Return();
            }
        }

        base.Dispose(disposing);
    }
}
