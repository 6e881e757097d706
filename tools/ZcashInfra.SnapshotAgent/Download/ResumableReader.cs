using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Download;

/// <summary>
/// Reads a <see cref="IRangeSource"/> from start to end, reopening at the current offset after a
/// reset, a transient HTTP error, a premature end or a stall. Each byte is returned exactly once,
/// so the caller can hash as it reads.
/// </summary>
public sealed class ResumableReader : IAsyncDisposable
{
    private readonly IRangeSource _source;
    private readonly RetryPolicy _policy;
    private readonly AgentLog _log;
    private Stream? _body;
    private long _position;
    private int _failuresWithoutProgress;

    public ResumableReader(IRangeSource source, RetryPolicy policy, AgentLog log)
    {
        _source = source;
        _policy = policy;
        _log = log;
    }

    /// <summary>The object's length, once the first response told it.</summary>
    public long? TotalLength { get; private set; }

    /// <summary>Bytes returned so far.</summary>
    public long Position => _position;

    /// <summary>Reads the next bytes; 0 only at the true end of the object.</summary>
    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            string failure;
            Exception? cause = null;
            try
            {
                _body ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                var read = await ReadWithStallTimeout(_body, buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    _position += read;
                    _failuresWithoutProgress = 0;
                    return read;
                }

                if (TotalLength is null || _position >= TotalLength)
                {
                    return 0;
                }

                failure = $"connection closed at byte {_position} of {TotalLength}";
            }
            catch (TransientSourceException e)
            {
                failure = e.Message;
                cause = e;
            }
            catch (IOException e)
            {
                failure = $"read failed at byte {_position}: {e.Message}";
                cause = e;
            }
            catch (HttpRequestException e)
            {
                failure = $"read failed at byte {_position}: {e.Message}";
                cause = e;
            }
            catch (TimeoutException e)
            {
                failure = e.Message;
                cause = e;
            }

            await DropBody().ConfigureAwait(false);
            _failuresWithoutProgress++;
            if (_failuresWithoutProgress >= _policy.MaxAttempts)
            {
                throw new AgentException(ExitCodes.Network, $"download of {_source.Name} failed after {_failuresWithoutProgress} attempts: {failure}", cause);
            }

            var wait = _policy.BackoffFor(_failuresWithoutProgress);
            _log.Warn($"{_source.Name}: {failure}; retrying from byte {_position} in {wait.TotalSeconds:0.##} s (attempt {_failuresWithoutProgress + 1} of {_policy.MaxAttempts})");
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_policy.StallTimeout);
        try
        {
            var response = await _source.OpenAsync(_position, stall.Token).ConfigureAwait(false);
            TotalLength ??= response.TotalLength;
            return response.Body;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"server stalled: no response within {_policy.StallTimeout.TotalSeconds:0.##} s");
        }
    }

    private async Task<int> ReadWithStallTimeout(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_policy.StallTimeout);
        try
        {
            return await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"server stalled: no data for {_policy.StallTimeout.TotalSeconds:0.##} s at byte {_position}");
        }
    }

    private async ValueTask DropBody()
    {
        if (_body is not null)
        {
            await _body.DisposeAsync().ConfigureAwait(false);
            _body = null;
        }
    }

    public ValueTask DisposeAsync() => DropBody();
}
