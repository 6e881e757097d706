using System.CommandLine;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Yaml;

namespace ZcashInfra.Cli;

/// <summary>
/// <c>diff [stack…] --base REF</c> or <c>diff --before FILE --after FILE</c>: what a change does to
/// each stack, computed offline (no credentials, no cluster), as a tree or as a pull-request comment.
/// Exit code 0 whether or not anything changed; 1 when the diff cannot be computed.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stacks = new Argument<string[]>("stack")
        {
            Description = "Stacks to compare (default with --base: every stack configured at the base or in the working tree).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var baseRef = new Option<string?>("--base") { Description = "Git ref to compare the working tree with; rendered by that commit's own code." };
        var before = new Option<FileInfo?>("--before") { Description = "A rendered stack (render --format json or yaml): the base." };
        var after = new Option<FileInfo?>("--after") { Description = "A rendered stack (render --format json or yaml): the change." };
        var format = new Option<string>("--format") { Description = "tree (default) or markdown.", DefaultValueFactory = _ => "tree" };
        format.AcceptOnlyFromAmong("tree", "markdown");
        var maxChars = new Option<int>("--max-chars")
        {
            Description = $"Markdown only: cap on the output's length (default {DiffMarkdown.DefaultMaxChars}; GitHub comments hold {DiffMarkdown.GitHubCommentLimit}).",
            DefaultValueFactory = _ => DiffMarkdown.DefaultMaxChars,
        };
        maxChars.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < DiffMarkdown.MinMaxChars)
            {
                result.AddError($"--max-chars must be at least {DiffMarkdown.MinMaxChars}");
            }
        });
        var projectDir = CommonOptions.ProjectDirectory();
        var buildCache = new Option<DirectoryInfo?>("--build-cache")
        {
            Description = "With --base: where built bases are kept, one per commit and .NET SDK (default: $XDG_CACHE_HOME/zcash-infra/base-builds or ~/.cache/zcash-infra/base-builds).",
        };
        var noBuildCache = new Option<bool>("--no-build-cache") { Description = "With --base: build the base in a temporary directory and remove it afterwards." };

        var command = new Command("diff", "Show what a change does to each stack: added, removed, changed (property by property), replaced and moved resources. Offline: no credentials needed.")
        {
            stacks, baseRef, before, after, format, maxChars, projectDir, buildCache, noBuildCache,
        };
        command.Validators.Add(result =>
        {
            var files = result.GetValue(before) is not null || result.GetValue(after) is not null;
            if (files && (result.GetValue(before) is null || result.GetValue(after) is null))
            {
                result.AddError("--before and --after go together");
            }
            else if (files && (result.GetValue(baseRef) is not null || result.GetValue(stacks) is { Length: > 0 }))
            {
                result.AddError("compare either two files (--before/--after) or stacks against a git ref (--base), not both");
            }
            else if (!files && result.GetValue(baseRef) is null)
            {
                result.AddError("say what to compare: --base <git-ref> (working tree against a commit) or --before FILE --after FILE");
            }
        });
        command.SetAction(parse =>
        {
            try
            {
                var report = parse.GetValue(before) is { } beforeFile
                    ? FromFiles(beforeFile, parse.GetValue(after)!)
                    : FromGit(parse.GetValue(projectDir)!.FullName, parse.GetValue(baseRef)!, parse.GetValue(stacks) ?? [], stderr,
                        parse.GetValue(noBuildCache) ? null : parse.GetValue(buildCache)?.FullName ?? BaseCheckout.DefaultCache);
                if (report is null)
                {
                    return 1;
                }

                stdout.Write(parse.GetValue(format) == "markdown"
                    ? DiffMarkdown.Render(report, parse.GetValue(maxChars))
                    : DiffTree.Render(report));
                return 0;
            }
            catch (DiffException e)
            {
                stderr.WriteLine($"✗ diff: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static DiffReport FromFiles(FileInfo before, FileInfo after)
    {
        var b = ReadRender(before);
        var a = ReadRender(after);
        if (b.Stack != a.Stack)
        {
            throw new DiffException($"{before.Name} renders stack '{b.Stack}' but {after.Name} renders '{a.Stack}'; compare renders of one stack");
        }

        return new DiffReport(before.Name, after.Name, [GraphDiff.Compare(b, a)]);
    }

    private static DiffSide ReadRender(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new DiffException($"{file.FullName}: no such file");
        }

        try
        {
            var text = File.ReadAllText(file.FullName);
            var json = file.Extension is ".yaml" or ".yml" ? YamlJson.Parse(text) : JsonNode.Parse(text);
            return DiffSide.FromRender(json, file.Name);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or YamlDotNet.Core.YamlException)
        {
            throw new DiffException($"{file.Name}: not a stack render ({e.Message})");
        }
    }

    private static DiffReport? FromGit(string projectDirectory, string gitRef, IReadOnlyList<string> requested, TextWriter stderr, string? cacheRoot)
    {
        using var checkout = BaseCheckout.Open(projectDirectory, gitRef, stderr, cacheRoot);
        var stacks = requested.Count > 0
            ? requested
            : [.. checkout.Stacks.Union(StackFiles.In(projectDirectory)).Order(StringComparer.Ordinal)];
        if (stacks.Count == 0)
        {
            throw new DiffException($"no Pulumi.<stack>.yaml in {projectDirectory}, neither in the working tree nor at {checkout.Label}");
        }

        var diffs = new List<StackDiff>();
        foreach (var stack in stacks)
        {
            var inWorkingTree = File.Exists(Path.Combine(projectDirectory, StackFiles.FileName(stack)));
            if (!inWorkingTree && !checkout.Stacks.Contains(stack))
            {
                throw new DiffException($"stack '{stack}': {StackFiles.FileName(stack)} exists neither in the working tree nor at {checkout.Label}");
            }

            var change = DiffSide.Absent(stack);
            if (inWorkingTree)
            {
                if (StackLoader.Load(projectDirectory, stack, stderr) is not { } loaded)
                {
                    return null;
                }

                change = DiffSide.FromGraph(loaded.Graph);
            }

            diffs.Add(GraphDiff.Compare(checkout.Render(stack), change));
        }

        return new DiffReport(checkout.Label, "working tree", [.. diffs]);
    }
}
