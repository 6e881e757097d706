using System.CommandLine;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Stacks;

namespace ZcashInfra.Cli;

/// <summary><c>render &lt;stack&gt; [--format tree|yaml|json|compose] [--include-mainnet] [--out DIR]</c>.</summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDir = CommonOptions.ProjectDirectory();
        var format = new Option<string>("--format")
        {
            Description = "tree (default), yaml, json, or compose (the node sets as a Compose file for a laptop, docs/compose.md).",
            DefaultValueFactory = _ => "tree",
        };
        format.AcceptOnlyFromAmong("tree", "yaml", "json", "compose");
        var includeMainnet = new Option<bool>("--include-mainnet") { Description = "With --format compose: render mainnet node sets too (~300 GB each, hours to restore)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write <stack>.<format> into this directory instead of standard output." };

        var command = new Command("render", "Render a stack's whole resource graph.") { stack, projectDir, format, output, includeMainnet };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(stack)!;
            if (StackLoader.Load(parse.GetValue(projectDir)!.FullName, name, stderr) is not { } loaded)
            {
                return 1;
            }

            var chosen = parse.GetValue(format)!;
            var compose = chosen == "compose" ? ComposeText(name, loaded.Settings, parse.GetValue(includeMainnet), stderr) : null;
            if (chosen == "compose" && compose is null)
            {
                return 1;
            }

            var text = chosen switch
            {
                "compose" => compose!,
                "json" => GraphJson.Render(loaded.Graph),
                "yaml" => GraphYaml.Render(loaded.Graph),
                _ => GraphTree.Render(loaded.Graph),
            };
            if (parse.GetValue(output) is { } dir)
            {
                dir.Create();
                var file = Path.Combine(dir.FullName, $"{name}.{chosen switch { "tree" => "txt", "compose" => "compose.yaml", _ => chosen }}");
                File.WriteAllText(file, text);
                stdout.WriteLine($"wrote {file}");
            }
            else
            {
                stdout.Write(text);
            }

            return 0;
        });
        return command;
    }

    private static string? ComposeText(string stack, Stacks.Settings.StackSettings settings, bool includeMainnet, TextWriter stderr)
    {
        try
        {
            return ComposeStack.Render(stack, settings, includeMainnet);
        }
        catch (ComposeException e)
        {
            stderr.WriteLine($"✗ stack '{stack}': {e.Message}");
            return null;
        }
    }
}
