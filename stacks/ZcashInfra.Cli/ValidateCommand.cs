using System.CommandLine;
using System.Globalization;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Validation;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Cli;

/// <summary>
/// <c>validate &lt;stack&gt;</c>: settings, the pinned zebrad releases' support windows at a moment
/// (now, or <c>--at</c>), then schemas, provider indexes and policies.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDir = CommonOptions.ProjectDirectory();
        var schemas = CommonOptions.Schemas();
        var at = new Option<string?>("--at")
        {
            Description = "Judge the pinned zebrad releases' end of support at this UTC date or time (ISO 8601, e.g. 2026-12-20) instead of now: what a pin will do by then.",
        };
        var offline = new Option<bool>("--offline")
        {
            Description = $"Never download the pinned schemas on first use (also {SchemaFetch.OfflineVariable}=1); fail instead when none are found.",
        };
        var allowExamples = new Option<bool>("--allow-example-values")
        {
            Description = "Do not fail on documentation placeholders (an example account id, made-up subnet ids): for checking an example stack's shape.",
        };
        var command = new Command("validate", "Validate a stack: settings, the mainnet zebrad pins against their end of support, every Kubernetes object against its schema, every cloud resource against its provider index, and the policies.")
        {
            stack, projectDir, schemas, at, offline, allowExamples,
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

            if (parse.GetValue(at) is { } atText && !TryParseMoment(atText, out _))
            {
                stderr.WriteLine($"✗ --at: '{atText}' is not an ISO 8601 date or time such as 2026-12-20 or 2026-12-20T06:00:00Z");
                return 2;
            }

            var now = parse.GetValue(at) is { } text && TryParseMoment(text, out var moment) ? moment : DateTimeOffset.UtcNow;
            var support = SupportWindowRules.Validate(loaded.Settings, now);
            foreach (var warning in support.Where(f => !f.IsError))
            {
                stderr.WriteLine($"! warning: {warning}");
            }

            // A production stack should run exact bytes: say which images it runs by tag alone.
            if (loaded.Settings.Environment == EnvironmentTier.Production)
            {
                foreach (var image in ImagePins.Unpinned(loaded.Graph))
                {
                    stderr.WriteLine($"! warning: image without a digest in a production stack (its tag can be moved): {image}");
                }
            }

            var (graphFindings, coverage) = new GraphValidator(folder, Path.Combine(SchemaLocator.CacheRoot, "prepared-schemas"))
                .Run(loaded.Graph, loaded.Settings.Environment, protectState: loaded.Settings.ShouldProtectState,
                    clusterProvides: loaded.Settings.Cluster.Provides.ToHashSet(StringComparer.Ordinal));
            var findings = graphFindings.ToList();
            findings.InsertRange(0, support.Where(f => f.IsError).Select(f => new Finding("end-of-support", f.Path.ToString(), f.Message)));
            var examples = parse.GetValue(allowExamples) ? "example values allowed (--allow-example-values)" : "documentation example values (account ids, resource ids) in the settings";
            if (!parse.GetValue(allowExamples))
            {
                findings.InsertRange(0, StackConfigFile.FindExampleValues(parse.GetValue(projectDir)!.FullName, name).Select(e => new Finding("example-values", name, e)));
            }

            var resources = loaded.Graph.Resources.Count();

            // Not problems of the stack, but what `up` needs the cluster to have: stated every time.
            var prerequisites = ClusterPrerequisites.Of(loaded.Graph);
            if (prerequisites.Count > 0)
            {
                stdout.WriteLine($"stack '{name}' needs on its cluster (not installed by this stack):");
                foreach (var prerequisite in prerequisites)
                {
                    stdout.WriteLine("  - " + prerequisite);
                }
            }

            var ran = new[] { $"settings of {StackFiles.FileName(name)}", $"mainnet zebrad pins against their end of support at {now:yyyy-MM-dd HH:mm}Z", examples }
                .Concat(coverage.Describe()).Append($"schemas from {folder}");
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

    private static bool TryParseMoment(string text, out DateTimeOffset moment) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out moment);

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
