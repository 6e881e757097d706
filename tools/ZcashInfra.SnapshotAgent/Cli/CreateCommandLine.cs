using System.CommandLine;
using ZcashInfra.SnapshotAgent.Compression;
using ZcashInfra.SnapshotAgent.Create;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary><c>create</c>: pack a stopped node's state into an archive.</summary>
internal static class CreateCommandLine
{
    public static Command Create(AgentContext context)
    {
        var source = OptionRules.Path(new Option<string>("--source") { Description = "The stopped node's state directory (zebrad cache_dir; zcashd network data dir).", Required = true });
        var node = new NodeOptions(required: true);
        var height = OptionRules.AtLeast(new Option<long>("--height") { Description = "Block height of the state.", Required = true }, 0L);
        var output = OptionRules.Path(new Option<string>("--output") { Description = "Archive to write; the suffix picks the compression (.tar.zst, .tar.gz, .tar). The .sha256 and .manifest.json go beside it.", Required = true });
        var level = OptionRules.Between(new Option<int?>("--level") { Description = "Compression level (zstd 1-19; default 3)." }, 1, 19);
        var zebradVersion = new Option<string?>("--zebrad-version") { Description = "zebrad version that wrote the state (recorded in the index)." };
        var progress = CommonOptions.ProgressInterval();

        output.Validators.Add(r =>
        {
            try
            {
                ArchiveFormats.FromFileName(r.GetValueOrDefault<string>() ?? "");
            }
            catch (ArgumentException)
            {
                r.AddError($"--output must end in .tar.zst, .tar.gz or .tar (the suffix picks the compression), not '{r.GetValueOrDefault<string>()}'");
            }
        });

        var command = new Command("create", "Pack a stopped node's state (zebrad state/v<major>/<network>/, zcashd blocks/ + chainstate/) into an archive with its digest and manifest.");
        command.Options.Add(source);
        node.AddTo(command);
        command.Options.Add(height);
        command.Options.Add(output);
        command.Options.Add(level);
        command.Options.Add(zebradVersion);
        command.Options.Add(progress);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "create", (log, token) =>
        {
            var request = new CreateRequest(
                result.GetValue(source)!,
                node.Read(result)!,
                result.GetValue(height),
                result.GetValue(output)!,
                result.GetValue(level),
                result.GetValue(zebradVersion),
                TimeSpan.FromSeconds(result.GetValue(progress)));
            new SnapshotCreator(log, context.Time).Run(request, token);
            return Task.FromResult(ExitCodes.Ok);
        }, cancellationToken));
        return command;
    }
}
