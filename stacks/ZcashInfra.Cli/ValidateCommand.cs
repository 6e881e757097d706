using System.CommandLine;
using System.Globalization;
using ZcashInfra.Components.Validation;
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
        var command = new Command("validate", "Validate a stack: settings, the mainnet zebrad pins against their end of support, every Kubernetes object against its schema, every cloud resource against its provider index, and the policies.")
        {
            stack, projectDir, schemas, at,
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

            if (parse.GetValue(at) is { } atText && !TryParseMoment(atText, out _))
            {
                stderr.WriteLine($"✗ --at: '{atText}' is not an ISO 8601 date or time such as 2026-12-20 or 2026-12-20T06:00:00Z");
                return 2;
            }

            var now = parse.GetValue(at) is { } text && TryParseMoment(text, out var moment) ? moment : DateTimeOffset.UtcNow;
            var support = SupportWindowCheck.Check(loaded.Settings, now);
            foreach (var warning in support.Where(f => !f.IsError))
            {
                stderr.WriteLine($"! warning: {warning}");
            }

            var findings = new GraphValidator(folder).Validate(loaded.Graph, loaded.Settings.Environment, protectState: loaded.Settings.ShouldProtectState,
                clusterProvides: loaded.Settings.Cluster.Provides.ToHashSet(StringComparer.Ordinal)).ToList();
            findings.InsertRange(0, support.Where(f => f.IsError).Select(f => new Finding("end-of-support", f.Path.ToString(), f.Message)));
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

    private static bool TryParseMoment(string text, out DateTimeOffset moment) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out moment);
}
