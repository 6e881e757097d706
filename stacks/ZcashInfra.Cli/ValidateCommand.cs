using System.CommandLine;
using ZcashInfra.Components.Validation;
using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Cli;

/// <summary><c>validate &lt;stack&gt;</c>: settings, then schemas, provider indexes and policies.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDir = CommonOptions.ProjectDirectory();
        var schemas = CommonOptions.Schemas();
        var offline = new Option<bool>("--offline")
        {
            Description = $"Never download the pinned schemas on first use (also {SchemaFetch.OfflineVariable}=1); fail instead when none are found.",
        };
        var allowExamples = new Option<bool>("--allow-example-values")
        {
            Description = "Do not fail on documentation placeholders (an example account id, made-up subnet ids): for checking an example stack's shape.",
        };
        var command = new Command("validate", "Validate a stack: settings, every Kubernetes object against its schema, every cloud resource against its provider index, and the policies.")
        {
            stack, projectDir, schemas, offline, allowExamples,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(stack)!;
            if (StackLoader.Load(parse.GetValue(projectDir)!.FullName, name, stderr) is not { } loaded)
            {
                return 1;
            }

            var folder = Schemas(parse.GetValue(schemas)?.FullName, parse.GetValue(projectDir)!.FullName, parse.GetValue(offline) || SchemaFetch.OfflineByEnvironment, stderr);
            if (folder is null)
            {
                return 2;
            }

            var (graphFindings, coverage) = new GraphValidator(folder, Path.Combine(SchemaLocator.CacheRoot, "prepared-schemas")).Run(loaded.Graph, loaded.Settings.Environment);
            var findings = graphFindings.ToList();
            var examples = parse.GetValue(allowExamples) ? "example values allowed (--allow-example-values)" : "documentation example values (account ids, resource ids) in the settings";
            if (!parse.GetValue(allowExamples))
            {
                findings.InsertRange(0, StackConfigFile.FindExampleValues(parse.GetValue(projectDir)!.FullName, name).Select(e => new Finding("example-values", name, e)));
            }

            var resources = loaded.Graph.Resources.Count();
            var ran = new[] { $"settings of {StackFiles.FileName(name)}", examples }.Concat(coverage.Describe()).Append($"schemas from {folder}");
            if (findings.Count == 0)
            {
                stdout.WriteLine($"✓ stack '{name}': settings valid; {resources} resources pass every check:");
                foreach (var line in ran)
                {
                    stdout.WriteLine("  ✓ " + line);
                }

                return 0;
            }

            stderr.WriteLine($"✗ stack '{name}': {findings.Count} problem(s) in {resources} resources:");
            foreach (var finding in findings)
            {
                stderr.WriteLine("  " + finding);
            }

            stderr.WriteLine("Checks that ran:");
            foreach (var line in ran)
            {
                stderr.WriteLine("  - " + line);
            }

            return 1;
        });
        return command;
    }

    /// <summary>The schema folder: found, or fetched into the cache on first use; null (after saying why) when neither works.</summary>
    private static string? Schemas(string? explicitPath, string projectDirectory, bool offline, TextWriter stderr)
    {
        try
        {
            return SchemaLocator.Locate(explicitPath, projectDirectory);
        }
        catch (SchemasNotFoundException e)
        {
            var root = SchemaLock.RepositoryRoot(projectDirectory);
            if (explicitPath is not null || Environment.GetEnvironmentVariable(SchemaLocator.EnvironmentVariable) is { Length: > 0 } || root is null)
            {
                stderr.WriteLine($"✗ cannot validate: {e.Message}");
                return null;
            }

            if (offline)
            {
                stderr.WriteLine($"✗ cannot validate offline: {e.Message} Run once without --offline ({SchemaFetch.OfflineVariable} unset) to download them into {SchemaLocator.CacheFolder}.");
                return null;
            }

            try
            {
                return SchemaFetch.Install(root, SchemaLocator.CacheFolder, stderr);
            }
            catch (Exception fetch) when (fetch is SchemaFetchException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"✗ cannot validate: no schema folder found, and fetching the pinned schemas failed: {fetch.Message}");
                return null;
            }
        }
    }
}
