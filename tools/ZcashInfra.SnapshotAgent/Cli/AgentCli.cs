using System.CommandLine;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Ipfs;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>
/// The agent's command line, public so other code (the Kubernetes renderers and their tests) can
/// parse a container command line with the agent's own parser: a renamed or missing flag then
/// fails their test instead of a pod.
/// </summary>
public static class AgentCli
{
    /// <summary>The command names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["restore", "create", "publish", "verify", "restore-newest", "target-height", VolumeSnapshots.VolumeSnapshotCommandLine.Name];

    /// <summary>The root command (restore, create, publish, verify) writing to the console.</summary>
    public static RootCommand BuildRoot() => BuildRoot(AgentContext.Console);

    /// <summary>The root command writing to <paramref name="context"/>'s writers.</summary>
    public static RootCommand BuildRoot(AgentContext context)
    {
        // Before any URL is parsed: ipfs:// keeps the CID's case (see IpfsUrl).
        IpfsUrl.Register();
        var root = new RootCommand("ZcashInfra snapshot agent: restore, create, publish and verify chain-state snapshots in the Zcash Foundation's format.");
        root.Subcommands.Add(RestoreCommandLine.Create(context));
        root.Subcommands.Add(CreateCommandLine.Create(context));
        root.Subcommands.Add(PublishCommandLine.Create(context));
        root.Subcommands.Add(VerifyCommandLine.Create(context));
        root.Subcommands.Add(RestoreNewestCommandLine.Create(context));
        root.Subcommands.Add(TargetHeightCommandLine.Create(context));
        root.Subcommands.Add(VolumeSnapshots.VolumeSnapshotCommandLine.Create(context));
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/> (without the program name) and returns the parse errors;
    /// empty means the agent would accept the command line. Nothing is run.
    /// </summary>
    public static IReadOnlyList<string> Parse(string[] args) =>
        BuildRoot(new AgentContext(TextWriter.Null, TextWriter.Null, TimeProvider.System)).Parse(args).Errors.Select(e => e.Message).ToList();

    /// <summary>
    /// Parses and runs; returns the exit code (<see cref="ExitCodes"/>; usage errors are
    /// <see cref="ExitCodes.Usage"/>, one line on stderr). <paramref name="cancellationToken"/> is
    /// the caller's SIGTERM/SIGINT: a cancelled run exits <see cref="ExitCodes.Cancelled"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, AgentContext context, CancellationToken cancellationToken = default)
    {
        var parsed = BuildRoot(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await context.Error.WriteLineAsync(UsageLine(parsed.Errors.Select(e => e.Message).ToList())).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // The caller owns the signals (Program registers SIGTERM/SIGINT and cancels the token), so
        // the parser's own handler, which would answer 130/143 after a timeout, is off.
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The parse errors as one line. An unknown word also makes the parser say "Required command
    /// was not provided."; the unknown word is what the user needs to read, so that goes.
    /// </summary>
    internal static string UsageLine(IReadOnlyList<string> errors)
    {
        var shown = errors.Any(e => e.StartsWith("Unrecognized", StringComparison.Ordinal))
            ? errors.Where(e => !e.StartsWith("Required command was not provided", StringComparison.Ordinal)).ToList()
            : errors;
        return $"{string.Join("; ", shown.Select(e => e.ReplaceLineEndings(" ").Trim()))} (run with --help for usage)";
    }
}
