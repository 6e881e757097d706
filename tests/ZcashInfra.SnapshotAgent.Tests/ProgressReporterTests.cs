using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Tests;

public class ProgressReporterTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(Ticks);
    }

    [Fact]
    public void LogsBytesPercentThroughputAndEta_AtTheInterval()
    {
        var time = new ManualTime();
        var output = new StringWriter();
        var progress = new ProgressReporter(new AgentLog(output, time), "download x", 1000L << 20, TimeSpan.FromSeconds(10), time);

        time.Ticks = TimeSpan.FromSeconds(5).Ticks;
        progress.Advance(50L << 20);
        Assert.Equal("", output.ToString());

        time.Ticks = TimeSpan.FromSeconds(10).Ticks;
        progress.Advance(50L << 20);
        var line = output.ToString().Trim();

        Assert.Contains("download x: 100.0 MiB of 1000.0 MiB (10.0%), 10.0 MiB/s, ETA 1m30s", line, StringComparison.Ordinal);
    }
}
