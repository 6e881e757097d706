namespace ZcashInfra.SnapshotAgent.Errors;

/// <summary>
/// A failure the agent reports as one line and a specific exit code. The message names the URL or
/// file involved, because a pod log is often the only thing a user sees.
/// </summary>
public sealed class AgentException : Exception
{
    public AgentException(int exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}
