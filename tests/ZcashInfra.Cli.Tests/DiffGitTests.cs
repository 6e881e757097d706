using System.Diagnostics;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

/// <summary>
/// The one end-to-end diff through git: a temporary repository with two commits, the base rendered
/// by its own build (dotnet build + run in an exported copy), then rendered again from the kept
/// build. Slow by nature, so there is one.
/// </summary>
public sealed class DiffGitTests : IDisposable
{
    // What a commit needs to build and render its stacks: the offline projects and the stack files.
    private static readonly string[] Copied =
        ["components", "stacks", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"];

    private readonly DirectoryInfo _repo = Directory.CreateTempSubdirectory("diff-git-");

    public void Dispose() => _repo.Delete(recursive: true);

    [Fact]
    public void A_commit_range_diffs_through_the_cli_with_the_base_rendered_by_its_own_code()
    {
        foreach (var item in Copied)
        {
            Copy(RepoPaths.At(item), Path.Combine(_repo.FullName, item));
        }

        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "base");

        var dev = Path.Combine(_repo.FullName, "Pulumi.dev.yaml");
        var yaml = File.ReadAllText(dev);
        File.WriteAllText(dev, yaml.Replace("noncurrentVersionDays: 3", "noncurrentVersionDays: 7\n    bucket: zcash-dev-snapshots-v2", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_repo.FullName, "Pulumi.staging.yaml"), yaml.Replace("zcash-dev", "zcash-staging", StringComparison.Ordinal));
        Git("add", "-A");
        Git("commit", "-q", "-m", "change");

        var cache = Path.Combine(_repo.FullName, ".git", "test-build-cache");
        var (exit, output, error) = CliRunner.Run("diff", "--base", "HEAD~1", "--format", "markdown", "--project-dir", _repo.FullName, "--build-cache", cache);
        Assert.True(exit == 0, error);
        Assert.Contains("exporting and building it once", error, StringComparison.Ordinal);

        Assert.Contains("HEAD~1 (", output, StringComparison.Ordinal);
        Assert.Contains("> - **dev** `dev/snapshots/snapshots-bucket` (`gcp:storage/bucket:Bucket`): name changed", output, StringComparison.Ordinal);
        Assert.Contains("| `lifecycleRules[0].condition.daysSinceNoncurrentTime` | `3` | `7` |", output, StringComparison.Ordinal);
        // The renamed bucket is replaced; what else changes with it (grants naming the bucket) grows
        // with the stack, so only the replacement count's presence is pinned here.
        Assert.Matches(@"\| `dev` \| 0 \| 0 \| \d+ \| \*\*1\*\* \| 0 \|", output);
        Assert.Contains("| `prod` | 0 | 0 | 0 | 0 | 0 |", output, StringComparison.Ordinal);
        Assert.Contains("| `staging` (new) |", output, StringComparison.Ordinal);
        Assert.Contains("Rendering the base HEAD~1", error, StringComparison.Ordinal);

        // The second diff against the same base uses the build kept under the commit's key.
        var entry = Assert.Single(Directory.GetDirectories(cache));
        var again = CliRunner.Run("diff", "--base", "HEAD~1", "--format", "markdown", "--project-dir", _repo.FullName, "--build-cache", cache);
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains($"built earlier ({entry})", again.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("exporting and building", again.Err, StringComparison.Ordinal);
        Assert.Equal(output, again.Out);

        // The renders' directories are gone (the cache holds the one build), and the repository is as it was.
        Assert.Equal([entry], Directory.GetFileSystemEntries(cache));
        Assert.Equal(string.Empty, Git("status", "--porcelain"));
        Assert.Equal("main", Git("branch", "--show-current").Trim());
    }

    private string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _repo.FullName };
        foreach (var arg in new[] { "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = Path.GetFileName(entry);
            if (name is not ("bin" or "obj"))
            {
                Copy(entry, Path.Combine(target, name));
            }
        }
    }
}
