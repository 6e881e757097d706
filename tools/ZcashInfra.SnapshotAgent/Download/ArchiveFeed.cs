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
            (digest, length) = await ProduceAsync(reader, channel.Writer, log, source.Name, progressInterval, stop.Token).ConfigureAwait(false);
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

    private static async Task<(string Digest, long Length)> ProduceAsync(ResumableReader reader, ChannelWriter<Chunk> writer, AgentLog log, string name, TimeSpan progressInterval, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ProgressReporter? progress = null;
        while (true)
        {
            // One read per chunk, handed over at once: a slow or stalling network must not leave
            // bytes that already arrived waiting for a chunk to fill up.
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            int filled;
            try
            {
                filled = await reader.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                progress ??= new ProgressReporter(log, $"download {name}", reader.TotalLength, progressInterval);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            if (filled == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                progress?.Complete();
                return (Convert.ToHexStringLower(sha.GetHashAndReset()), reader.Position);
            }

            sha.AppendData(buffer, 0, filled);
            progress!.Advance(filled);
            await writer.WriteAsync(new Chunk(buffer, filled), cancellationToken).ConfigureAwait(false);
        }
    }
}
