using System.Diagnostics;
using ZcashInfra.SnapshotAgent.Cli;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>The agent as a separate process (<c>dotnet zcash-snapshot-agent.dll …</c>), so a test can kill it mid-work.</summary>
public static class AgentProcess
{
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(AgentCli).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the agent");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
