using System.CommandLine;

namespace ZcashInfra.Cli;

/// <summary>
/// The command tree. Kept apart from <see cref="Program"/> so tests run the same commands in-process
/// with their own writers.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stderr);
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>The root command with every subcommand (also used to check that workflows call real commands).</summary>
    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("ZcashInfra offline tools: render, validate and diff a stack without credentials or a cluster.");
        root.Subcommands.Add(RenderCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(DiffCommand.Create(stdout, stderr));
        root.Subcommands.Add(StackInfoCommand.Create(stdout, stderr));
        return root;
    }
}
