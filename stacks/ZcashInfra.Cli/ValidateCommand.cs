using System.CommandLine;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Cli;

/// <summary><c>validate &lt;stack&gt;</c>: settings, then schemas, provider indexes and policies.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDir = CommonOptions.ProjectDirectory();
        var schemas = CommonOptions.Schemas();
        var command = new Command("validate", "Validate a stack: settings, every Kubernetes object against its schema, every cloud resource against its provider index, and the policies.")
        {
            stack, projectDir, schemas,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(stack)!;
            if (StackLoader.Load(parse.GetValue(projectDir)!.FullName, name, stderr) is not { } loaded)
            {
                return 1;
            }

            string folder;
            try
            {
                folder = SchemaLocator.Locate(parse.GetValue(schemas)?.FullName, parse.GetValue(projectDir)!.FullName);
            }
            catch (SchemasNotFoundException e)
            {
                stderr.WriteLine($"✗ cannot validate: {e.Message}");
                return 2;
            }

            var findings = new GraphValidator(folder).Validate(loaded.Graph, loaded.Settings.Environment,
                clusterProvides: loaded.Settings.Cluster.Provides.ToHashSet(StringComparer.Ordinal));
            var resources = loaded.Graph.Resources.Count();
            if (findings.Count == 0)
            {
                stdout.WriteLine($"✓ stack '{name}': settings valid; {resources} resources pass the schemas in {folder} and every policy.");
                return 0;
            }

            stderr.WriteLine($"✗ stack '{name}': {findings.Count} problem(s) in {resources} resources:");
            foreach (var finding in findings)
            {
                stderr.WriteLine("  " + finding);
            }

            return 1;
        });
        return command;
    }
}
