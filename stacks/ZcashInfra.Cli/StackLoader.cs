using ZcashInfra.Components.Graph;
using ZcashInfra.Stacks;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Cli;

/// <summary>Loads a stack's settings and declares its graph, printing every problem on failure.</summary>
internal static class StackLoader
{
    public static (StackSettings Settings, ResourceGraph Graph)? Load(string projectDirectory, string stack, TextWriter stderr)
    {
        var result = StackConfigFile.Load(projectDirectory, stack);
        if (!result.IsValid)
        {
            stderr.WriteLine($"✗ stack '{stack}': {result.Errors.Count} configuration problem(s):");
            foreach (var error in result.LocatedErrors)
            {
                stderr.WriteLine("  " + error);
            }

            return null;
        }

        try
        {
            return (result.Settings!, ZcashEnvironment.Declare(stack, result.Settings!));
        }
        catch (GraphException e)
        {
            stderr.WriteLine($"✗ stack '{stack}': {e.Message}");
            return null;
        }
    }
}
