using System.Formats.Tar;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;

namespace ZcashInfra.Cli;

/// <summary>
/// The base of a diff: a git commit, rendered by <em>its own</em> code. The commit's tree is
/// exported with <c>git archive</c> into a temporary directory (the repository and its worktrees
/// are not touched), its CLI is built there, and <c>render &lt;stack&gt; --format json</c> is run
/// by that build. No credentials are involved at any step, so this works for forks' pull requests.
/// The directory is deleted when the checkout is disposed, whatever happened.
/// </summary>
internal sealed class BaseCheckout : IDisposable
{
    /// <summary>Where the CLI project lives in every commit this can render.</summary>
    public const string CliProject = "stacks/ZcashInfra.Cli/ZcashInfra.Cli.csproj";

    private readonly string _repoRoot;
    private readonly string _relativeProjectDir;
    private readonly TextWriter _log;
    private string? _tempRoot;
    private bool _built;

    private BaseCheckout(string repoRoot, string relativeProjectDir, string commit, string label, IReadOnlyList<string> stacks, TextWriter log)
    {
        _repoRoot = repoRoot;
        _relativeProjectDir = relativeProjectDir;
        Commit = commit;
        Label = label;
        Stacks = stacks;
        _log = log;
    }

    /// <summary>The full commit id.</summary>
    public string Commit { get; }

    /// <summary>How reports name the base: the ref as given and the short commit.</summary>
    public string Label { get; }

    /// <summary>The stacks configured at the base (in the project directory's place).</summary>
    public IReadOnlyList<string> Stacks { get; }

    /// <summary>Resolves <paramref name="gitRef"/> in the repository holding <paramref name="projectDirectory"/>.</summary>
    public static BaseCheckout Open(string projectDirectory, string gitRef, TextWriter log)
    {
        var top = Git(projectDirectory, "rev-parse", "--show-toplevel");
        if (!top.Succeeded)
        {
            throw new DiffException($"{projectDirectory} is not inside a git repository, so --base cannot be used ({top.Tail(3)}); compare rendered files with --before/--after instead");
        }

        var repoRoot = top.Stdout.Trim();
        var relative = Path.GetRelativePath(Path.GetFullPath(repoRoot), Path.GetFullPath(projectDirectory)).Replace('\\', '/');
        relative = relative == "." ? string.Empty : relative;
        if (gitRef.StartsWith('-'))
        {
            throw new DiffException($"'{gitRef}' is not a git ref");
        }

        var commit = Git(repoRoot, "rev-parse", "--verify", "--quiet", "--end-of-options", gitRef + "^{commit}");
        if (!commit.Succeeded)
        {
            throw new DiffException(
                $"git ref '{gitRef}' does not name a commit in {repoRoot}. A shallow CI checkout lacks the base: fetch it first " +
                "(actions/checkout with fetch-depth: 0, or git fetch origin <base>).");
        }

        var sha = commit.Stdout.Trim();
        var tree = Git(repoRoot, "ls-tree", "--name-only", "--end-of-options", sha, relative.Length == 0 ? "." : relative + "/");
        if (!tree.Succeeded)
        {
            throw new DiffException($"cannot list {sha}: {tree.Tail(3)}");
        }

        var stacks = tree.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => StackFiles.StackOf(Path.GetFileName(p.Trim())))
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new BaseCheckout(repoRoot, relative, sha, $"{gitRef} ({sha[..12]})", stacks, log);
    }

    /// <summary>The stack as the base declares it, or <see cref="DiffSide.Absent"/> when the base has no such stack.</summary>
    public DiffSide Render(string stack)
    {
        if (!Stacks.Contains(stack))
        {
            return DiffSide.Absent(stack);
        }

        var root = Prepare();
        var outDir = Path.Combine(_tempRoot!, "renders");
        var projectDir = Path.Combine(root, _relativeProjectDir);
        var run = Dotnet("run", "--no-build", "--project", Path.Combine(root, CliProject), "--",
            "render", stack, "--format", "json", "--project-dir", projectDir, "--out", outDir);
        var file = Path.Combine(outDir, stack + ".json");
        if (!run.Succeeded || !File.Exists(file))
        {
            throw new DiffException($"the base ({Label}) does not render stack '{stack}':\n    {run.Tail()}");
        }

        try
        {
            return DiffSide.FromRender(JsonNode.Parse(File.ReadAllText(file)), $"{stack} at {Label}");
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            throw new DiffException($"the base's render of '{stack}' is not the documented JSON render: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (_tempRoot is not null && Directory.Exists(_tempRoot))
        {
            Directory.Delete(_tempRoot, recursive: true);
        }

        _tempRoot = null;
    }

    /// <summary>Exports the commit and builds its CLI, once.</summary>
    private string Prepare()
    {
        _tempRoot ??= Directory.CreateTempSubdirectory("zcash-infra-diff-").FullName;
        var source = Path.Combine(_tempRoot, "source");
        if (_built)
        {
            return source;
        }

        _log.WriteLine($"Rendering the base {Label} with its own code…");
        Directory.CreateDirectory(source);
        var archive = ProcessRunner.RunStreaming("git", ["-C", _repoRoot, "archive", "--format=tar", "--end-of-options", Commit],
            stream => TarFile.ExtractToDirectory(stream, source, overwriteFiles: false));
        if (!archive.Succeeded)
        {
            throw new DiffException($"git archive {Commit} failed: {archive.Tail(5)}");
        }

        if (!File.Exists(Path.Combine(source, CliProject)))
        {
            throw new DiffException($"the base ({Label}) has no {CliProject}, so it cannot render itself");
        }

        var build = Dotnet("build", Path.Combine(source, CliProject), "--nologo", "-v", "q", "--disable-build-servers", "-nodeReuse:false");
        if (!build.Succeeded)
        {
            throw new DiffException($"the base ({Label}) does not build:\n    {build.Tail()}");
        }

        _built = true;
        return source;
    }

    private static ProcessResult Git(string directory, params string[] arguments) =>
        ProcessRunner.Run("git", ["-C", directory, .. arguments]);

    private ProcessResult Dotnet(params string[] arguments) => ProcessRunner.Run("dotnet", arguments, _tempRoot);
}
