using ZcashInfra.SnapshotAgent.Cli;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>Runs the agent's real command line in-process and captures what it writes.</summary>
public static class AgentRun
{
    public static Task<AgentResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <param name="cancellationToken">What SIGTERM/SIGINT cancel in the real program.</param>
    /// <param name="args">The command line.</param>
    public static async Task<AgentResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AgentCli.RunAsync(args, new AgentContext(TextWriter.Synchronized(output), TextWriter.Synchronized(error), TimeProvider.System), cancellationToken);
        return new AgentResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Fast-failing transfer options for fault tests (the defaults wait for minutes).</summary>
    public static string[] FastRetries(int attempts = 3, double stallSeconds = 1) =>
        ["--retries", attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stall-timeout-seconds", stallSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--retry-delay-seconds", "0.05"];
}

/// <param name="ExitCode">The agent's exit code.</param>
/// <param name="Output">Log lines.</param>
/// <param name="Error">The final error line, if any.</param>
public sealed record AgentResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
