using System.Buffers;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// The rest of an object after its first range, fetched as fixed-size ranges on up to
/// <see cref="RetryPolicy.Connections"/> connections and handed out strictly in order, so the
/// single hash → decompress → extract pass sees the bytes exactly as one stream would. At most
/// connections + 2 ranges are fetched or waiting at any time: memory is bounded by
/// (connections + 2) × <see cref="RetryPolicy.RangeBytes"/>, whatever the object's size. Each range
/// retries and resumes on its own, pinned to the version the first response named.
/// </summary>
public sealed class ParallelRanges : IAsyncDisposable
{
    private readonly IParallelRangeSource _source;
    private readonly RetryPolicy _policy;
    private readonly AgentLog _log;
    private readonly long _total;
    private readonly long _rangeBytes;
    private readonly int _window;
    private readonly SemaphoreSlim _connections;
    private readonly CancellationTokenSource _stop;
    private readonly Queue<(int Length, Task<byte[]> Fetch)> _inFlight = new();
    private long _nextStart;
    private Exception? _failure;

    private ParallelRanges(IParallelRangeSource source, RetryPolicy policy, AgentLog log, long total, CancellationToken cancellationToken)
    {
        _source = source;
        _policy = policy;
        _log = log;
        _total = total;
        _rangeBytes = policy.RangeBytes;
        _window = policy.Connections + 2;
        _connections = new SemaphoreSlim(policy.Connections);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _nextStart = _rangeBytes;
    }

    /// <summary>Where the first range ends: the single stream that opened the object reads up to here.</summary>
    public long FirstRangeEnd => _rangeBytes;

    /// <summary>True when a parallel download can pay off for an object of <paramref name="total"/> bytes.</summary>
    public static bool Applies(IRangeSource source, RetryPolicy policy, long? total) =>
        source is IParallelRangeSource && policy.Connections > 1 && total is { } length && length > policy.RangeBytes;

    /// <summary>
    /// Asks for the second range at once. Null when the source answers it with the whole object
    /// (it ignores Range): the caller then keeps its single stream.
    /// </summary>
    public static async Task<ParallelRanges?> StartAsync(IRangeSource source, RetryPolicy policy, AgentLog log, long total, CancellationToken cancellationToken)
    {
        var ranged = (IParallelRangeSource)source;
        var ranges = new ParallelRanges(ranged, policy, log, total, cancellationToken);
        Stream? probe = null;
        try
        {
            probe = await ranges.OpenAsync(ranges._rangeBytes, Math.Min(total, 2 * ranges._rangeBytes)).ConfigureAwait(false);
        }
        catch (RangeNotHonouredException e)
        {
            log.Info($"download {source.Name}: the server does not honour Range ({e.Message}); one stream");
            await ranges.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is TransientSourceException or IOException or HttpRequestException or TimeoutException)
        {
            // The range's own retries deal with it.
        }
        catch
        {
            await ranges.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        log.Info($"download {source.Name}: {policy.Connections} connections, {ByteSize.Format(policy.RangeBytes)} ranges");
        ranges.Schedule(probe);
        return ranges;
    }

    /// <summary>The next range in order (a pooled buffer and its length); null after the last one.</summary>
    public async Task<(byte[] Buffer, int Length)?> NextAsync()
    {
        if (!_inFlight.TryDequeue(out var head))
        {
            return null;
        }

        byte[] buffer;
        try
        {
            buffer = await head.Fetch.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _failure) is { } failure)
        {
            // Another range failed for good and stopped this one: its error is the one to report.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            throw;
        }

        Schedule(null);
        return (buffer, head.Length);
    }

    private void Schedule(Stream? firstBody)
    {
        while (_inFlight.Count < _window && _nextStart < _total)
        {
            var start = _nextStart;
            var end = Math.Min(_total, start + _rangeBytes);
            var body = firstBody;
            _inFlight.Enqueue(((int)(end - start), Task.Run(() => FetchAsync(start, end, body))));
            firstBody = null;
            _nextStart = end;
        }
    }

    private async Task<byte[]> FetchAsync(long start, long end, Stream? body)
    {
        var length = (int)(end - start);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var got = 0;
        var failures = 0;
        await _connections.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            while (got < length)
            {
                string failure;
                Exception? cause = null;
                try
                {
                    body ??= await OpenAsync(start + got, end).ConfigureAwait(false);
                    var n = await ReadAsync(body, buffer.AsMemory(got, length - got), start + got).ConfigureAwait(false);
                    if (n > 0)
                    {
                        got += n;
                        failures = 0;
                        continue;
                    }

                    failure = $"range {start}-{end - 1} ended at byte {start + got}";
                }
                catch (Exception e) when (e is TransientSourceException or IOException or HttpRequestException or TimeoutException)
                {
                    failure = e.Message;
                    cause = e;
                }

                await DropAsync(body).ConfigureAwait(false);
                body = null;
                failures++;
                if (failures >= _policy.MaxAttempts)
                {
                    throw new AgentException(ExitCodes.Network, $"download of {_source.Name} failed after {failures} attempts at range {start}-{end - 1}: {failure}", cause);
                }

                var wait = _policy.BackoffFor(failures);
                _log.Warn($"{_source.Name}: {failure}; retrying range {start}-{end - 1} from byte {start + got} in {wait.TotalSeconds:0.##} s (attempt {failures + 1} of {_policy.MaxAttempts})");
                await Task.Delay(wait, _stop.Token).ConfigureAwait(false);
            }

            return buffer;
        }
        catch (Exception e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (e is not OperationCanceledException)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }

            // Nothing fetched after a final failure can be used: stop the other ranges.
            _stop.Cancel();
            throw;
        }
        finally
        {
            await DropAsync(body).ConfigureAwait(false);
            _connections.Release();
        }
    }

    private async Task<Stream> OpenAsync(long offset, long end)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        stall.CancelAfter(_policy.StallTimeout);
        try
        {
            return await _source.OpenRangeAsync(offset, end, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new TimeoutException($"server stalled: no response within {_policy.StallTimeout.TotalSeconds:0.##} s for byte {offset}");
        }
    }

    private async Task<int> ReadAsync(Stream body, Memory<byte> buffer, long position)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        stall.CancelAfter(_policy.StallTimeout);
        try
        {
            return await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new TimeoutException($"server stalled: no data for {_policy.StallTimeout.TotalSeconds:0.##} s at byte {position}");
        }
    }

    private static async ValueTask DropAsync(Stream? body)
    {
        if (body is not null)
        {
            await body.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        while (_inFlight.TryDequeue(out var range))
        {
            try
            {
                ArrayPool<byte>.Shared.Return(await range.Fetch.ConfigureAwait(false));
            }
            catch (Exception)
            {
                // Already reported through NextAsync, or cancelled by this dispose.
            }
        }

        _connections.Dispose();
        _stop.Dispose();
    }
}
