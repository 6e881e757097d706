namespace ZcashInfra.SnapshotAgent.Compression;

/// <summary>Replays bytes already read (for format sniffing) before the rest of a non-seekable stream.</summary>
public sealed class PrefixedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly Stream _rest;
    private int _prefixPos;

    public PrefixedStream(byte[] prefix, Stream rest)
    {
        _prefix = prefix;
        _rest = rest;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPos < _prefix.Length)
        {
            var n = Math.Min(buffer.Length, _prefix.Length - _prefixPos);
            _prefix.AsSpan(_prefixPos, n).CopyTo(buffer);
            _prefixPos += n;
            return n;
        }

        return _rest.Read(buffer);
    }

    /// <summary>Reads the first <see cref="ArchiveFormats.MagicLength"/> bytes of <paramref name="source"/>, detects the format and opens its decompressor.</summary>
    public static (Stream Tar, ArchiveFormat Format) OpenDecompressed(Stream source, int decodeThreads = 1)
    {
        var head = new byte[ArchiveFormats.MagicLength];
        var got = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var prefix = head.AsSpan(0, got).ToArray();
        var format = ArchiveFormats.Detect(prefix);
        return (ArchiveFormats.OpenRead(new PrefixedStream(prefix, source), format, decodeThreads), format);
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
            _rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
