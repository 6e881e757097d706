using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// One streaming pass over an archive: the download side reads (resuming as needed), hashes every
/// byte with SHA-256 and counts progress; a consumer callback reads the same bytes on another
/// thread (decompress + extract, or verify). The digest is known when both sides are done; the
/// consumer is never trusted until it is compared.
/// </summary>
public static class ArchiveFeed
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Chunks in flight: bounds the memory between download and extraction to 32 MiB.</summary>
    private const int Capacity = 32;

    /// <summary>Runs the pass. <paramref name="consume"/> must read its stream to the end (or throw).</summary>
    public static async Task<FeedResult> RunAsync(
        IRangeSource source,
        RetryPolicy policy,
        AgentLog log,
        TimeSpan progressInterval,
        Action<Stream, CancellationToken> consume,
        CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var reader = new ResumableReader(source, policy, log);

        var consumer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    using var stream = new ChunkChannelStream(channel.Reader);
                    consume(stream, stop.Token);
                    stream.Drain();
                }
                catch
                {
                    // Stop the download at once: nothing it fetches can be used any more.
                    stop.Cancel();
                    throw;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        string digest;
        long length;
        try
        {
            (digest, length) = await ProduceAsync(reader, source, policy, channel.Writer, log, progressInterval, stop.Token).ConfigureAwait(false);
            channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);

            // The consumer's own failure (an unsafe entry, a full disk) explains a cancelled download better.
            try
            {
                await consumer.ConfigureAwait(false);
            }
            catch (Exception consumerError) when (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(consumerError).Throw();
            }
            catch (Exception)
            {
                // The producer's error is the primary one.
            }

            throw;
        }

        await consumer.ConfigureAwait(false);
        return new FeedResult(digest, length);
    }

    private static async Task<(string Digest, long Length)> ProduceAsync(ResumableReader reader, IRangeSource source, RetryPolicy policy, ChannelWriter<Chunk> writer, AgentLog log, TimeSpan progressInterval, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ProgressReporter? progress = null;
        ParallelRanges? ranges = null;
        var limit = long.MaxValue;
        try
        {
            while (reader.Position < limit)
            {
                // One read per chunk, handed over at once: a slow or stalling network must not leave
                // bytes that already arrived waiting for a chunk to fill up.
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int filled;
                try
                {
                    var want = (int)Math.Min(ChunkSize, limit - reader.Position);
                    filled = await reader.ReadAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                    if (progress is null)
                    {
                        progress = new ProgressReporter(log, $"download {source.Name}", reader.TotalLength, progressInterval);
                        if (ParallelRanges.Applies(source, policy, reader.TotalLength))
                        {
                            // The first response told the length and pinned the version; the rest
                            // comes in ranges while this stream reads the first one.
                            ranges = await ParallelRanges.StartAsync(source, policy, log, reader.TotalLength!.Value, cancellationToken).ConfigureAwait(false);
                            limit = ranges?.FirstRangeEnd ?? long.MaxValue;
                        }
                    }
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    progress.Complete();
                    return (Convert.ToHexStringLower(sha.GetHashAndReset()), reader.Position);
                }

                sha.AppendData(buffer, 0, filled);
                progress.Advance(filled);
                await writer.WriteAsync(new Chunk(buffer, filled), cancellationToken).ConfigureAwait(false);
            }

            // The first range is done: free its connection, then hand the rest over range by range.
            await reader.DisposeAsync().ConfigureAwait(false);
            var length = reader.Position;
            while (await ranges!.NextAsync().ConfigureAwait(false) is var (range, size))
            {
                try
                {
                    sha.AppendData(range, 0, size);
                    progress!.Advance(size);
                    length += size;
                    await HandOverAsync(range, size, writer, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(range);
                }
            }

            progress!.Complete();
            return (Convert.ToHexStringLower(sha.GetHashAndReset()), length);
        }
        finally
        {
            if (ranges is not null)
            {
                await ranges.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies a range into chunk-sized pooled buffers, so the channel bounds memory as on one stream.</summary>
    private static async Task HandOverAsync(byte[] range, int size, ChannelWriter<Chunk> writer, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < size; offset += ChunkSize)
        {
            var n = Math.Min(ChunkSize, size - offset);
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            Buffer.BlockCopy(range, offset, chunk, 0, n);
            await writer.WriteAsync(new Chunk(chunk, n), cancellationToken).ConfigureAwait(false);
        }
    }
}
