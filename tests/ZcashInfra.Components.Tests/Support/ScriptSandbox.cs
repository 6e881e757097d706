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

    /// <summary>
    /// Runs a script (its shebang picks the interpreter) with extra environment variables. The
    /// interpreter is started on the file rather than the file executed: a file just written can
    /// still be open in a child another test is forking at that moment, and exec'ing it would then
    /// fail with "Text file busy".
    /// </summary>
    public (int Exit, string Out, string Error) Run(string script, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        foreach (var (reference, value) in substitutions ?? new Dictionary<string, string>())
        {
            script = script.Replace(reference, value, StringComparison.Ordinal);
        }

        var file = Path.Combine(Dir, "script");
        File.WriteAllText(file, script.ReplaceLineEndings("\n"));
        var shebang = script.StartsWith("#!", StringComparison.Ordinal) ? script[2..script.IndexOf('\n', StringComparison.Ordinal)].Trim() : "/bin/sh";
        var words = shebang.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(words[0]) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Dir };
        foreach (var word in words.Skip(1).Append(file))
        {
            start.ArgumentList.Add(word);
        }

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
