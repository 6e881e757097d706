using System.Runtime.InteropServices;
using ZcashInfra.SnapshotAgent.Cli;

namespace ZcashInfra.SnapshotAgent;

/// <summary>Entry point of <c>zcash-snapshot-agent</c>.</summary>
public static class Program
{
    /// <summary>
    /// Runs the agent. SIGTERM (Kubernetes stopping the pod) and SIGINT cancel the work instead of
    /// killing the process: staging is discarded, nothing is moved into place, and the exit code
    /// is <see cref="Errors.ExitCodes.Cancelled"/>.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        void Cancel(PosixSignalContext signal)
        {
            signal.Cancel = true;
            cancel.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        return await AgentCli.RunAsync(args, AgentContext.Console, cancel.Token).ConfigureAwait(false);
    }
}
