using System.Diagnostics;
using System.Runtime.Versioning;

namespace ZcashInfra.Components.Tests.Support;

/// <summary>
/// A temporary directory to run a Task's or CronJob's real script in, with stand-in tools
/// (kubectl, curl, …) first on PATH. Tekton's own substitutions are applied as Tekton would.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ScriptSandbox : IDisposable
{
    public ScriptSandbox()
    {
        Dir = Directory.CreateTempSubdirectory("ci-script-").FullName;
        Directory.CreateDirectory(Bin);
    }

    public string Dir { get; }

    public string Bin => Path.Combine(Dir, "bin");

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>An executable stand-in on PATH.</summary>
    public void Tool(string name, string script)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Runs a script (its shebang picks the interpreter) with extra environment variables.</summary>
    public (int Exit, string Out, string Error) Run(string script, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        foreach (var (reference, value) in substitutions ?? new Dictionary<string, string>())
        {
            script = script.Replace(reference, value, StringComparison.Ordinal);
        }

        var file = Path.Combine(Dir, "script");
        File.WriteAllText(file, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Dir };
        start.Environment["PATH"] = $"{Bin}:{Environment.GetEnvironmentVariable("PATH")}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("script did not finish within 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
