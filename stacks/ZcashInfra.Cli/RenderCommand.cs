using System.CommandLine;
using ZcashInfra.Components.Rendering;

namespace ZcashInfra.Cli;

/// <summary><c>render &lt;stack&gt; [--format tree|yaml|json] [--out DIR]</c>.</summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDir = CommonOptions.ProjectDirectory();
        var format = new Option<string>("--format")
        {
            Description = "tree (default), yaml or json.",
            DefaultValueFactory = _ => "tree",
        };
        format.AcceptOnlyFromAmong("tree", "yaml", "json");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write <stack>.<format> into this directory instead of standard output." };

        var command = new Command("render", "Render a stack's whole resource graph.") { stack, projectDir, format, output };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(stack)!;
            if (StackLoader.Load(parse.GetValue(projectDir)!.FullName, name, stderr) is not { } loaded)
            {
                return 1;
            }

            var chosen = parse.GetValue(format)!;
            var text = chosen switch
            {
                "json" => GraphJson.Render(loaded.Graph),
                "yaml" => GraphYaml.Render(loaded.Graph),
                _ => GraphTree.Render(loaded.Graph),
            };
            if (parse.GetValue(output) is { } dir)
            {
                dir.Create();
                var file = Path.Combine(dir.FullName, $"{name}.{(chosen == "tree" ? "txt" : chosen)}");
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
}
