using System.CommandLine;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Cli;

/// <summary>
/// <c>stack-info &lt;stack&gt;</c>: where a stack lives, as <c>key=value</c> lines, so CI reads the
/// cloud, cluster and region from the stack's own configuration instead of repeating them
/// (<c>… stack-info dev &gt;&gt; "$GITHUB_OUTPUT"</c>). Prints no secrets.
/// </summary>
internal static class StackInfoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDir = CommonOptions.ProjectDirectory();
        var command = new Command("stack-info", "Print a stack's cloud, cluster and region as key=value lines (for CI).") { stack, projectDir };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(stack)!;
            if (StackLoader.Load(parse.GetValue(projectDir)!.FullName, name, stderr) is not { } loaded)
            {
                return 1;
            }

            foreach (var (key, value) in Describe(name, loaded.Settings))
            {
                stdout.Write($"{key}={value}\n");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The facts, in a fixed order; absent ones are empty.</summary>
    public static IEnumerable<(string Key, string Value)> Describe(string stack, StackSettings settings)
    {
        yield return ("stack", stack);
        yield return ("cloud", settings.Cloud.ToString().ToLowerInvariant());
        yield return ("environment", settings.Environment.ToString().ToLowerInvariant());
        yield return ("cluster", settings.Cluster.Name ?? string.Empty);
        yield return ("region", settings.Gcp?.Region ?? settings.Aws?.Region ?? string.Empty);

        // GKE clusters are addressed by location (a region or a zone); EKS clusters by region.
        yield return ("location", settings.Cluster.Location ?? settings.Gcp?.Region ?? settings.Aws?.Region ?? string.Empty);
        yield return ("project", settings.Gcp?.Project ?? string.Empty);
        yield return ("account", settings.Aws?.AccountId ?? string.Empty);
    }
}
