using System.CommandLine;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Verify;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary><c>verify</c>: digest and structure check of an archive, without extracting.</summary>
internal static class VerifyCommandLine
{
    public static Command Create(AgentContext context)
    {
        var url = CommonOptions.Url("--url", "URL of the archive.");
        var file = new Option<string?>("--file") { Description = "Path of a local archive." };
        var sha256 = CommonOptions.Sha256("Expected SHA-256; default: the .sha256 beside the archive.");
        var node = new NodeOptions(required: false);
        var transfer = new TransferOptions();
        var progress = CommonOptions.ProgressInterval();

        var command = new Command("verify", "Check an archive's digest and that every entry is safe (and, given --network/--implementation/--db-major, fits the node) without extracting.");
        command.Options.Add(url);
        command.Options.Add(file);
        command.Options.Add(sha256);
        node.AddTo(command);
        transfer.AddTo(command);
        command.Options.Add(progress);
        command.Validators.Add(r =>
        {
            // Presence, not value: a malformed URL already has its own error.
            if (r.GetResult(url) is null == r.GetResult(file) is null)
            {
                r.AddError("give exactly one of --url or --file");
            }
        });

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "verify", async (log, token) =>
        {
            var archive = result.GetValue(url) ?? new Uri(Path.GetFullPath(result.GetValue(file)!));
            var retry = transfer.Read(result);
            var request = new VerifyRequest(archive, result.GetValue(sha256), node.Read(result), retry, TimeSpan.FromSeconds(result.GetValue(progress)));
            using var http = AgentHttp.Create(retry.StallTimeout);
            await new SnapshotVerifier(http, log).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
