using ZcashInfra.Components.Diff;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("diff-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>A copy of the dev stack file with one line changed, rendered to a file.</summary>
    private string RenderDev(string name, string? replace = null, string? with = null, string format = "json")
    {
        var project = Directory.CreateDirectory(Path.Combine(_dir.FullName, name));
        var yaml = File.ReadAllText(RepoPaths.At("Pulumi.dev.yaml"));
        File.WriteAllText(Path.Combine(project.FullName, "Pulumi.dev.yaml"), replace is null ? yaml : yaml.Replace(replace, with, StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run("render", "dev", "--format", format, "--project-dir", project.FullName);
        Assert.True(exit == 0, error);
        var file = Path.Combine(_dir.FullName, $"{name}.{format}");
        File.WriteAllText(file, output);
        return file;
    }

    [Fact]
    public void Two_rendered_files_diff_as_a_tree_by_default()
    {
        var before = RenderDev("before");
        var after = RenderDev("after", "noncurrentVersionDays: 3", "noncurrentVersionDays: 4");
        var (exit, output, error) = CliRunner.Run("diff", "--before", before, "--after", after);
        Assert.True(exit == 0, error);
        Assert.Contains("Base: before.json", output, StringComparison.Ordinal);
        Assert.Contains("dev: 0 to add, 1 to change, 0 to replace (predicted)", output, StringComparison.Ordinal);
        Assert.Contains("~ lifecycleRules[0].condition.daysSinceNoncurrentTime: 3 → 4", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_renders_are_accepted_and_markdown_flags_a_replacement()
    {
        var before = RenderDev("before", format: "yaml");
        var after = RenderDev("after", "noncurrentVersionDays: 3", "noncurrentVersionDays: 3\n    bucket: zcash-dev-renamed", "yaml");
        var (exit, output, error) = CliRunner.Run("diff", "--before", before, "--after", after, "--format", "markdown");
        Assert.True(exit == 0, error);
        Assert.StartsWith(DiffMarkdown.Marker, output, StringComparison.Ordinal);
        Assert.Contains("> - **dev** `dev/snapshots/snapshots-bucket` (`gcp:storage/bucket:Bucket`): name changed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_files_are_no_changes_and_exit_zero()
    {
        var file = RenderDev("same");
        var (exit, output, _) = CliRunner.Run("diff", "--before", file, "--after", file);
        Assert.Equal(0, exit);
        Assert.Contains("dev: no changes", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "diff" }, "say what to compare: --base <git-ref>")]
    [InlineData(new[] { "diff", "--before", "a.json" }, "--before and --after go together")]
    [InlineData(new[] { "diff", "dev", "--base", "HEAD", "--before", "a.json", "--after", "b.json" }, "compare either two files (--before/--after) or stacks against a git ref (--base), not both")]
    [InlineData(new[] { "diff", "--base", "HEAD", "--max-chars", "100" }, "--max-chars must be at least 2000")]
    [InlineData(new[] { "diff", "--base", "HEAD", "--format", "html" }, "html")]
    public void Bad_usage_fails_with_a_message(string[] args, string message)
    {
        var (exit, _, error) = CliRunner.Run(args);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_or_mismatched_files_fail_with_a_message()
    {
        var broken = Path.Combine(_dir.FullName, "broken.json");
        File.WriteAllText(broken, "{\"stack\": 3}");
        var dev = RenderDev("dev");
        var (exit, _, error) = CliRunner.Run("diff", "--before", broken, "--after", dev);
        Assert.Equal(1, exit);
        Assert.Contains("✗ diff: broken.json: not a stack render (broken.json.stack: must be a string)", error, StringComparison.Ordinal);

        var prod = Path.Combine(_dir.FullName, "prod.json");
        File.WriteAllText(prod, CliRunner.Run("render", "prod", "--format", "json", "--project-dir", RepoPaths.Root).Out);
        (exit, _, error) = CliRunner.Run("diff", "--before", dev, "--after", prod);
        Assert.Equal(1, exit);
        Assert.Contains("dev.json renders stack 'dev' but prod.json renders 'prod'", error, StringComparison.Ordinal);

        (exit, _, error) = CliRunner.Run("diff", "--before", dev, "--after", Path.Combine(_dir.FullName, "missing.json"));
        Assert.Equal(1, exit);
        Assert.Contains("missing.json: no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_outside_a_git_repository_fails_and_points_to_files()
    {
        var (exit, _, error) = CliRunner.Run("diff", "--base", "main", "--project-dir", _dir.FullName);
        Assert.Equal(1, exit);
        Assert.Contains("is not inside a git repository, so --base cannot be used", error, StringComparison.Ordinal);
        Assert.Contains("--before/--after", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_info_prints_where_each_stack_lives()
    {
        var dev = CliRunner.Run("stack-info", "dev", "--project-dir", RepoPaths.Root);
        Assert.Equal(0, dev.Exit);
        Assert.Equal("stack=dev\ncloud=gcp\nenvironment=development\ncluster=zcash-dev\nregion=us-central1\nlocation=us-central1\nproject=zcash-infra-dev\naccount=\n", dev.Out);
        var prod = CliRunner.Run("stack-info", "prod", "--project-dir", RepoPaths.Root);
        Assert.Equal("stack=prod\ncloud=aws\nenvironment=production\ncluster=zcash-prod\nregion=us-east-1\nlocation=us-east-1\nproject=\naccount=123456789012\n", prod.Out);
    }
}
