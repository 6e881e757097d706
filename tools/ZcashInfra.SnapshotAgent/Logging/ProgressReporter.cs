using System.Globalization;

namespace ZcashInfra.SnapshotAgent.Logging;

/// <summary>
/// Logs bytes, percent, throughput and ETA at a steady interval while long work runs: a restore
/// of a 300 GB state takes an hour, and the pod log is the user's only window into it. Reports are
/// driven by <see cref="Advance"/> (no timer thread), so a stalled transfer logs nothing new and
/// the stall timeout speaks instead.
/// </summary>
public sealed class ProgressReporter
{
    private readonly AgentLog _log;
    private readonly string _what;
    private readonly long? _total;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly long _start;
    private long _lastReport;
    private long _done;

    public ProgressReporter(AgentLog log, string what, long? totalBytes, TimeSpan interval, TimeProvider? time = null)
    {
        _log = log;
        _what = what;
        _total = totalBytes is > 0 ? totalBytes : null;
        _interval = interval;
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
        _lastReport = _start;
    }

    /// <summary>Bytes processed so far.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Counts <paramref name="bytes"/> more and logs a line if the interval has passed.</summary>
    public void Advance(long bytes)
    {
        var done = Interlocked.Add(ref _done, bytes);
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastReport, now) < _interval)
        {
            return;
        }

        _lastReport = now;
        _log.Info(Describe(done, _time.GetElapsedTime(_start, now)));
    }

    /// <summary>Logs the final figures (always, whatever the interval).</summary>
    public void Complete()
    {
        var elapsed = _time.GetElapsedTime(_start);
        _log.Info($"{Describe(Done, elapsed)} (done in {ByteSize.FormatDuration(elapsed)})");
    }

    private string Describe(long done, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var rate = done / seconds;
        var text = $"{_what}: {ByteSize.Format(done)}";
        if (_total is { } total)
        {
            var percent = Math.Min(100.0, 100.0 * done / total);
            text += string.Create(CultureInfo.InvariantCulture, $" of {ByteSize.Format(total)} ({percent:0.0}%)");
        }

        text += $", {ByteSize.Format(rate)}/s";
        if (_total is { } t && rate > 0 && done < t)
        {
            text += $", ETA {ByteSize.FormatDuration(TimeSpan.FromSeconds((t - done) / rate))}";
        }

        return text;
    }
}
