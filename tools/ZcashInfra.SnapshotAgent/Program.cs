using ZcashInfra.SnapshotAgent.Cli;

namespace ZcashInfra.SnapshotAgent;

/// <summary>Entry point of <c>zcash-snapshot-agent</c>.</summary>
public static class Program
{
    /// <summary>Runs the agent; Ctrl-C / SIGTERM cancel the work (staging is discarded, the volume left as it was).</summary>
    public static Task<int> Main(string[] args) => AgentCli.RunAsync(args, AgentContext.Console);
}
