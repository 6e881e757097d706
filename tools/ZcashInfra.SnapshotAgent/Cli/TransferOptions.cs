using System.CommandLine;
using ZcashInfra.SnapshotAgent.Download;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>Retry, stall and progress options of the commands that download.</summary>
internal sealed class TransferOptions
{
    public Option<int> Retries { get; } = OptionRules.AtLeast(new Option<int>("--retries") { Description = "Failed attempts in a row (without progress) before a download gives up (0 counts as 1).", DefaultValueFactory = _ => RetryPolicy.Default.MaxAttempts }, 0);

    public Option<double> StallTimeoutSeconds { get; } = OptionRules.Seconds(new Option<double>("--stall-timeout-seconds") { Description = "A server that sends nothing for this long counts as a failed attempt (> 0).", DefaultValueFactory = _ => RetryPolicy.Default.StallTimeout.TotalSeconds }, zeroAllowed: false);

    public Option<double> RetryDelaySeconds { get; } = OptionRules.Seconds(new Option<double>("--retry-delay-seconds") { Description = "Wait before the first retry; doubles per retry, at most 30 s.", DefaultValueFactory = _ => RetryPolicy.Default.InitialBackoff.TotalSeconds }, zeroAllowed: true);

    public void AddTo(Command command)
    {
        command.Options.Add(Retries);
        command.Options.Add(StallTimeoutSeconds);
        command.Options.Add(RetryDelaySeconds);
    }

    public RetryPolicy Read(ParseResult result) => new(
        Math.Max(1, result.GetValue(Retries)),
        TimeSpan.FromSeconds(result.GetValue(StallTimeoutSeconds)),
        TimeSpan.FromSeconds(result.GetValue(RetryDelaySeconds)));
}
