using System.Buffers;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>A pooled buffer holding <see cref="Length"/> bytes of the archive.</summary>
public sealed class Chunk
{
    public Chunk(byte[] buffer, int length)
    {
        Buffer = buffer;
        Length = length;
    }

    public byte[] Buffer { get; }

    public int Length { get; }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
