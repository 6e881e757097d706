using System.Diagnostics;
using System.Text;
using ZcashInfra.SnapshotAgent.Cli;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// The agent as a separate process (<c>dotnet zcash-snapshot-agent.dll …</c>), so a test can run
/// several at once, signal them and kill them mid-work. Output is collected line by line; a test
/// can wait for a line. Disposing kills the process (by its own id) if it still runs.
/// </summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Lock _gate = new();

    private AgentProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _err.ToString();
            }
        }
    }

    public static AgentProcess Start(params string[] args) => Start(null, args);

    /// <param name="environment">Extra environment variables (e.g. the crash-point pause).</param>
    /// <param name="args">The agent's command line.</param>
    public static AgentProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(AgentCli).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the agent");
        var agent = new AgentProcess(process);
        process.OutputDataReceived += (_, e) => agent.Append(agent._out, e.Data);
        process.ErrorDataReceived += (_, e) => agent.Append(agent._err, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Waits until stdout holds <paramref name="text"/>; fails the test (with the output so far) if the process exits or time runs out first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"the agent did not print '{text}' ({(_process.HasExited ? $"exited {_process.ExitCode}" : "timed out")})\n{Describe()}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Sends SIGTERM, as Kubernetes does when it stops a pod.</summary>
    public void Terminate() => Tools.Run("kill", "/", "-s", "TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>SIGKILL: no handler runs, only the kernel cleans up (the claim's flock goes with the process).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the exit (at most <paramref name="timeout"/>) and returns what the run did.</summary>
    public async Task<AgentResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"the agent did not exit within {timeout.TotalSeconds} s\n{Describe()}");
        }

        // The asynchronous readers may still be handing over the last lines.
        _process.WaitForExit();
        return new AgentResult(_process.ExitCode, Output, Error);
    }

    public string Describe() => $"--- stdout\n{Output}\n--- stderr\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder into, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            into.AppendLine(line);
        }
    }
}
