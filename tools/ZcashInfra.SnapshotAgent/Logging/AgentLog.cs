using System.Globalization;

namespace ZcashInfra.SnapshotAgent.Logging;

/// <summary>
/// Line-oriented log for a pod: one timestamped line per event, so `kubectl logs` reads like a
/// story. Thread-safe because the download and extraction run on different threads.
/// </summary>
public sealed class AgentLog
{
    private readonly TextWriter _out;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public AgentLog(TextWriter output, TimeProvider? time = null)
    {
        _out = output;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A log that drops everything (for library callers that do not want output).</summary>
    public static AgentLog Null { get; } = new(TextWriter.Null);

    public void Info(string message) => Write("info", message);

    public void Warn(string message) => Write("warn", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        var stamp = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _out.WriteLine($"{stamp} {level} {message}");
            _out.Flush();
        }
    }
}
