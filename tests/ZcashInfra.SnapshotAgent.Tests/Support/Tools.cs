using System.Diagnostics;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>Runs the real command-line tools the Foundation's archives are made with (GNU tar, zstd, sha256sum).</summary>
public static class Tools
{
    /// <summary>Runs <paramref name="file"/> and returns stdout; fails the test with stderr on a non-zero exit.</summary>
    public static string Run(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}");
        }

        return stdout.Result;
    }

    /// <summary><c>tar -C dir -cf out names…</c> with GNU tar, then optional compression by the zstd CLI or gzip.</summary>
    public static string GnuTar(string directory, string output, params string[] names)
    {
        if (output.EndsWith(".tar.zst", StringComparison.Ordinal))
        {
            var tar = output[..^4];
            Run("tar", directory, ["-cf", tar, .. names]);
            Run("zstd", directory, "-q", "-f", "--rm", "-3", tar, "-o", output);
        }
        else if (output.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            Run("tar", directory, ["-czf", output, .. names]);
        }
        else
        {
            Run("tar", directory, ["-cf", output, .. names]);
        }

        return output;
    }

    /// <summary>Writes the archive's <c>.sha256</c> with <c>sha256sum</c> itself; returns the digest.</summary>
    public static string Sha256Sum(string archive)
    {
        var line = Run("sha256sum", Path.GetDirectoryName(archive)!, Path.GetFileName(archive));
        File.WriteAllText(archive + ".sha256", line);
        return line.Split(' ')[0];
    }
}
