using Microsoft.Win32.SafeHandles;

namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>
/// A read-only stream over bytes [offset, offset + length) of an open file, read with positional
/// reads so several regions of one handle go up at once without sharing a file position, and
/// nothing is buffered beyond the caller's buffer.
/// </summary>
internal sealed class FileRegionStream : Stream
{
    private readonly SafeFileHandle _file;
    private readonly long _offset;
    private readonly long _length;
    private long _position;

    public FileRegionStream(SafeFileHandle file, long offset, long length)
    {
        _file = file;
        _offset = offset;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = RandomAccess.Read(_file, buffer[..Wanted(buffer.Length)], _offset + _position);
        _position += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await RandomAccess.ReadAsync(_file, buffer[..Wanted(buffer.Length)], _offset + _position, cancellationToken).ConfigureAwait(false);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Wanted(int room) => (int)Math.Min(room, _length - _position);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
