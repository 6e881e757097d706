using System.Diagnostics;

namespace ZcashInfra.Cli;

/// <summary>The result of a child process: its exit code and what it printed.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of its output, for an error message.</summary>
    public string Tail(int lines = 20)
    {
        var all = (Stdout + "\n" + Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join("\n    ", all.TakeLast(lines));
    }
}

/// <summary>
/// Runs git and dotnet as child processes: arguments passed as a list (never through a shell),
/// output captured, a time limit after which the whole process tree is killed.
/// </summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Runs a program and captures its output.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null) =>
        Start(file, arguments, workingDirectory, timeout, consumeStdout: null);

    /// <summary>Runs a program and hands its standard output, as bytes, to <paramref name="consumeStdout"/>.</summary>
    public static ProcessResult RunStreaming(string file, IEnumerable<string> arguments, Action<Stream> consumeStdout, string? workingDirectory = null, TimeSpan? timeout = null) =>
        Start(file, arguments, workingDirectory, timeout, consumeStdout);

    private static ProcessResult Start(string file, IEnumerable<string> arguments, string? workingDirectory, TimeSpan? timeout, Action<Stream>? consumeStdout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Sanitize(info.Environment);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(127, string.Empty, $"cannot run {file}: {e.Message}");
        }

        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout;
        var consumer = Task.Run(() =>
        {
            if (consumeStdout is null)
            {
                return process.StandardOutput.ReadToEnd();
            }

            consumeStdout(process.StandardOutput.BaseStream);
            return string.Empty;
        });
        if (!consumer.Wait(timeout ?? DefaultTimeout) || !process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(124, string.Empty, $"{file} did not finish within {(timeout ?? DefaultTimeout).TotalMinutes:0} minutes and was stopped");
        }

        stdout = consumer.GetAwaiter().GetResult();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>
    /// A build started from inside another dotnet process (a test run, <c>dotnet run</c>) inherits
    /// MSBuild's variables, which point it at the parent's SDK state; and build servers left running
    /// would outlive the diff. Give the child a clean, quiet, self-contained build.
    /// </summary>
    private static void Sanitize(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(key);
        }

        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["GIT_TERMINAL_PROMPT"] = "0";
    }
}
