using ZcashInfra.SnapshotAgent.Extraction;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// The real disk, except that it runs out of space after <paramref name="budget"/> bytes of file
/// data: writes then fail with the IOException (ENOSPC, "No space left on device") Linux gives.
/// </summary>
public sealed class FullDisk(long budget) : IExtractionFileSystem
{
    private long _left = budget;

    public void CreateDirectory(string path) => PhysicalExtractionFileSystem.Instance.CreateDirectory(path);

    public Stream CreateFile(string path, long length) => new Limited(File.Create(path), this);

    public void CreateSymbolicLink(string path, string target) => PhysicalExtractionFileSystem.Instance.CreateSymbolicLink(path, target);

    public void CreateHardLink(string path, string existing) => PhysicalExtractionFileSystem.Instance.CreateHardLink(path, existing);

    public void DeleteIfExists(string path) => PhysicalExtractionFileSystem.Instance.DeleteIfExists(path);

    public void SetMetadata(string path, UnixFileMode mode, DateTimeOffset modified) => PhysicalExtractionFileSystem.Instance.SetMetadata(path, mode, modified);

    private sealed class Limited(FileStream inner, FullDisk disk) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Interlocked.Add(ref disk._left, -count) < 0)
            {
                throw new IOException("No space left on device : '" + inner.Name + "'", 28);
            }

            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
