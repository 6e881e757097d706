namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>Where a run writes (log lines to <see cref="Out"/>, the final error line to <see cref="Error"/>) and its clock.</summary>
public sealed record AgentContext(TextWriter Out, TextWriter Error, TimeProvider Time)
{
    public static AgentContext Console { get; } = new(System.Console.Out, System.Console.Error, TimeProvider.System);
}
