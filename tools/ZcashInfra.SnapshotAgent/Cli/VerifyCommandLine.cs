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
        var url = CommonOptions.SourceUrl("--url", "URL of the archive (http(s), file, s3 or gs).");
        var file = OptionRules.Path(new Option<string?>("--file") { Description = "Path of a local archive." });
        var index = CommonOptions.SourceUrl("--index", "URL of a network's snapshots.json: verify the archive restore would pick for the node (needs --network, --implementation, --db-major).");
        var height = CommonOptions.IndexHeight();
        var sha256 = CommonOptions.Sha256("Expected SHA-256; default: the index entry's, else the .sha256 beside the archive.");
        var node = new NodeOptions(required: false);
        var transfer = new TransferOptions();
        var progress = CommonOptions.ProgressInterval();
        var stores = new StoreOptions();

        var command = new Command("verify", "Check an archive's digest and that every entry is safe (and, given --network/--implementation/--db-major, fits the node) without extracting.");
        command.Options.Add(url);
        command.Options.Add(file);
        command.Options.Add(index);
        command.Options.Add(height);
        command.Options.Add(sha256);
        node.AddTo(command);
        transfer.AddTo(command);
        command.Options.Add(progress);
        stores.AddTo(command);
        command.Validators.Add(r =>
        {
            // Presence, not value: a malformed URL already has its own error.
            if (new[] { r.GetResult(url) is not null, r.GetResult(file) is not null, r.GetResult(index) is not null }.Count(given => given) != 1)
            {
                r.AddError("give exactly one of --url, --file or --index");
            }

            var nodeGiven = new[] { r.GetResult(node.Network) is not null, r.GetResult(node.Implementation) is not null, r.GetResult(node.DbMajor) is not null }.Count(given => given);
            if (nodeGiven is 1 or 2)
            {
                r.AddError("--network, --implementation and --db-major go together");
            }

            if (r.GetResult(index) is not null && (r.GetResult(node.Network) is null || r.GetResult(node.Implementation) is null || r.GetResult(node.DbMajor) is null))
            {
                r.AddError("--index needs --network, --implementation and --db-major (the entry is chosen for a node)");
            }
        });
        CommonOptions.RequireIndexForHeight(command, index, height);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "verify", async (log, token) =>
        {
            if (result.GetValue(file) is { } given && !File.Exists(given))
            {
                throw new AgentException(ExitCodes.Usage, $"--file {Path.GetFullPath(given)} does not exist");
            }

            var archive = result.GetValue(url) ?? (result.GetValue(file) is { } path ? new Uri(Path.GetFullPath(path)) : null);
            var retry = transfer.Read(result);
            var request = new VerifyRequest(archive, result.GetValue(index), result.GetValue(height), result.GetValue(sha256), node.Read(result), retry, TimeSpan.FromSeconds(result.GetValue(progress)));
            using var http = AgentHttp.Create(retry.StallTimeout);
            using var sources = new UrlSources(http, stores.Read(result));
            await new SnapshotVerifier(sources, log).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
