using System.CommandLine;
using ZcashInfra.SnapshotAgent.Download;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>Retry, stall and progress options of the commands that download.</summary>
internal sealed class TransferOptions
{
    public Option<int> Retries { get; } = OptionRules.AtLeast(new Option<int>("--retries") { Description = "Failed attempts in a row (without progress) before a download gives up (0 counts as 1).", DefaultValueFactory = _ => RetryPolicy.Default.MaxAttempts }, 0);

    public Option<double> StallTimeoutSeconds { get; } = OptionRules.Seconds(new Option<double>("--stall-timeout-seconds") { Description = "A server that sends nothing for this long counts as a failed attempt (> 0).", DefaultValueFactory = _ => RetryPolicy.Default.StallTimeout.TotalSeconds }, zeroAllowed: false);

    public Option<double> RetryDelaySeconds { get; } = OptionRules.Seconds(new Option<double>("--retry-delay-seconds") { Description = "Wait before the first retry; doubles per retry, at most 30 s.", DefaultValueFactory = _ => RetryPolicy.Default.InitialBackoff.TotalSeconds }, zeroAllowed: true);

    public Option<int> Connections { get; } = OptionRules.AtLeast(new Option<int>("--connections") { Description = "Concurrent ranged requests per archive download (1: one stream). Falls back to one stream when the server ignores Range.", DefaultValueFactory = _ => RetryPolicy.DefaultConnections }, 1);

    public Option<int> RangeBytes { get; } = OptionRules.AtLeast(new Option<int>("--range-bytes") { Description = "Bytes per ranged request; a download holds at most (connections + 2) ranges in memory.", DefaultValueFactory = _ => RetryPolicy.DefaultRangeBytes }, 4096);

    public Option<int> DecodeThreads { get; } = OptionRules.AtLeast(new Option<int>("--decode-threads") { Description = "Independent zstd frames (create's multi-frame archives, pzstd's) decoded at once; each holds about two frames (64 MiB) of buffers. Default 1: sequentially.", DefaultValueFactory = _ => Compression.ArchiveFormats.DefaultDecodeThreads }, 1);

    public void AddTo(Command command)
    {
        command.Options.Add(Connections);
        command.Options.Add(RangeBytes);
        command.Options.Add(Retries);
        command.Options.Add(StallTimeoutSeconds);
        command.Options.Add(RetryDelaySeconds);
        command.Options.Add(DecodeThreads);
    }

    public RetryPolicy Read(ParseResult result) => new(
        Math.Max(1, result.GetValue(Retries)),
        TimeSpan.FromSeconds(result.GetValue(StallTimeoutSeconds)),
        TimeSpan.FromSeconds(result.GetValue(RetryDelaySeconds)))
    {
        Connections = result.GetValue(Connections),
        RangeBytes = result.GetValue(RangeBytes),
        DecodeThreads = result.GetValue(DecodeThreads),
    };
}
