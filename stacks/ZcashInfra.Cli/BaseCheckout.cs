using System.Formats.Tar;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;

namespace ZcashInfra.Cli;

/// <summary>
/// The base of a diff: a git commit, rendered by <em>its own</em> code. The commit's tree is
/// exported with <c>git archive</c> (the repository and its worktrees are not touched), its CLI is
/// built there, and <c>render &lt;stack&gt; --format json</c> is run by that build. No credentials
/// are involved at any step, so this works for forks' pull requests. The export and build are kept
/// in a <see cref="BuildCache"/> keyed by the commit id and the .NET SDK version, so the next diff
/// against the same base skips the build; renders go to a temporary directory deleted when the
/// checkout is disposed, whatever happened.
/// </summary>
internal sealed class BaseCheckout : IDisposable
{
    /// <summary>Where the CLI project lives in every commit this can render.</summary>
    public const string CliProject = "stacks/ZcashInfra.Cli/ZcashInfra.Cli.csproj";

    private readonly string _repoRoot;
    private readonly string _relativeProjectDir;
    private readonly TextWriter _log;
    private string? _cacheRoot;
    private string? _tempRoot;
    private string? _built;

    private BaseCheckout(string repoRoot, string relativeProjectDir, string commit, string label, IReadOnlyList<string> stacks, TextWriter log, string? cacheRoot)
    {
        _repoRoot = repoRoot;
        _relativeProjectDir = relativeProjectDir;
        Commit = commit;
        Label = label;
        Stacks = stacks;
        _log = log;
        _cacheRoot = cacheRoot;
    }

    /// <summary>The default cache of base builds: <c>$XDG_CACHE_HOME/zcash-infra/base-builds</c> or <c>~/.cache/zcash-infra/base-builds</c>.</summary>
    public static string DefaultCache => Path.Combine(Components.Validation.SchemaLocator.CacheRoot, "base-builds");

    /// <summary>The full commit id.</summary>
    public string Commit { get; }

    /// <summary>How reports name the base: the ref as given and the short commit.</summary>
    public string Label { get; }

    /// <summary>The stacks configured at the base (in the project directory's place).</summary>
    public IReadOnlyList<string> Stacks { get; }

    /// <summary>Resolves <paramref name="gitRef"/> in the repository holding <paramref name="projectDirectory"/>.</summary>
    /// <param name="projectDirectory">The project directory in the working tree.</param>
    /// <param name="gitRef">The base.</param>
    /// <param name="log">Progress messages.</param>
    /// <param name="cacheRoot">Where base builds are kept, or null to build in a temporary directory every time.</param>
    public static BaseCheckout Open(string projectDirectory, string gitRef, TextWriter log, string? cacheRoot)
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
        return new BaseCheckout(repoRoot, relative, sha, $"{gitRef} ({sha[..12]})", stacks, log, cacheRoot);
    }

    /// <summary>The stack as the base declares it, or <see cref="DiffSide.Absent"/> when the base has no such stack.</summary>
    public DiffSide Render(string stack)
    {
        if (!Stacks.Contains(stack))
        {
            return DiffSide.Absent(stack);
        }

        var (source, cli) = Prepare();
        var outDir = Path.Combine(_tempRoot!, "renders");
        var projectDir = Path.Combine(source, _relativeProjectDir);
        var run = Dotnet("exec", cli, "render", stack, "--format", "json", "--project-dir", projectDir, "--out", outDir);
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

    /// <summary>The exported commit and its built CLI (the program to <c>dotnet exec</c>), from the cache or made now.</summary>
    private (string Source, string Cli) Prepare()
    {
        if (_cacheRoot is not null && _tempRoot is null)
        {
            try
            {
                Directory.CreateDirectory(_cacheRoot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only home (a CI pod) only costs the build every time.
                _log.WriteLine($"The build cache {_cacheRoot} cannot be used ({e.Message}); building the base in a temporary directory.");
                _cacheRoot = null;
            }
        }

        // Renders (and, without a cache, the build) go to a directory of this run alone, removed on Dispose.
        _tempRoot ??= _cacheRoot is null
            ? Directory.CreateTempSubdirectory("zcash-infra-diff-").FullName
            : Directory.CreateDirectory(Path.Combine(_cacheRoot, ".renders-" + Guid.NewGuid().ToString("N"))).FullName;
        if (_built is { } done)
        {
            return (Path.Combine(done, "source"), Program(done));
        }

        var sdk = Dotnet("--version");
        var cache = new BuildCache(_cacheRoot ?? Path.Combine(_tempRoot, "builds"));
        var key = BuildCache.Key(Commit, sdk.Succeeded ? sdk.Stdout.Trim() : "unknown-sdk");
        var (folder, built) = cache.GetOrCreate(key, Build);
        if (!built)
        {
            _log.WriteLine($"Rendering the base {Label} with its own code, built earlier ({folder}).");
        }

        _built = folder;
        return (Path.Combine(folder, "source"), Program(folder));
    }

    /// <summary>Exports the commit into <paramref name="folder"/>/source and builds its CLI into <paramref name="folder"/>/cli.</summary>
    private void Build(string folder)
    {
        _log.WriteLine($"Rendering the base {Label} with its own code: exporting and building it once{(_cacheRoot is null ? string.Empty : $" (kept in {_cacheRoot})")}…");
        var source = Path.Combine(folder, "source");
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

        var build = Dotnet("build", Path.Combine(source, CliProject), "--nologo", "-v", "q", "--disable-build-servers", "-nodeReuse:false", "--output", Path.Combine(folder, "cli"));
        if (!build.Succeeded)
        {
            throw new DiffException($"the base ({Label}) does not build:\n    {build.Tail()}");
        }

        Program(folder);
    }

    /// <summary>The CLI's entry assembly in a build: the one program (with a runtimeconfig) in its output.</summary>
    private string Program(string folder)
    {
        var configs = Directory.GetFiles(Path.Combine(folder, "cli"), "*.runtimeconfig.json");
        return configs.Length == 1
            ? configs[0][..^".runtimeconfig.json".Length] + ".dll"
            : throw new DiffException($"the base ({Label}) build has {configs.Length} programs in its output, expected its CLI alone");
    }

    private static ProcessResult Git(string directory, params string[] arguments) =>
        ProcessRunner.Run("git", ["-C", directory, .. arguments]);

    private ProcessResult Dotnet(params string[] arguments) => ProcessRunner.Run("dotnet", arguments, _tempRoot);
}
