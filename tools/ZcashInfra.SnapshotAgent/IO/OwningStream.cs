namespace ZcashInfra.SnapshotAgent.IO;

/// <summary>
/// A response body that keeps its response alive while it is read and ends both when disposed:
/// HTTP responses and S3 GetObject responses hand out streams whose lifetime is tied to them.
/// </summary>
public sealed class OwningStream : Stream
{
    private readonly Stream _body;
    private readonly IDisposable _owner;

    public OwningStream(Stream body, IDisposable owner)
    {
        _body = body;
        _owner = owner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _body.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _body.ReadAsync(buffer, offset, count, cancellationToken);

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
            _body.Dispose();
            _owner.Dispose();
        }

        base.Dispose(disposing);
    }
}
