using System.CommandLine;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary><c>restore</c>: seed a node's volume from a snapshot.</summary>
internal static class RestoreCommandLine
{
    public static Command Create(AgentContext context)
    {
        var index = CommonOptions.SourceUrl("--index", "URL of a network's snapshots.json (http(s), file, s3 or gs): the newest compatible entry is restored, or the one at --height.");
        var url = CommonOptions.SourceUrl("--url", "URL of one archive (.tar.zst, .tar.gz or .tar; http(s), file, s3 or gs) to restore.");
        var height = CommonOptions.IndexHeight();
        var sha256 = CommonOptions.Sha256("Expected SHA-256 of the archive, pinned out of band; wins over the index and the .sha256 file.");
        var node = new NodeOptions(required: true);
        var target = OptionRules.Path(new Option<string>("--target") { Description = "The node's state directory (zebrad cache_dir, zcashd network data dir) on its volume.", Required = true });
        var replace = new Option<bool>("--replace") { Description = "Replace state already on the target (logged); without it an existing state is left alone." };
        var transfer = new TransferOptions();
        var progress = CommonOptions.ProgressInterval();
        var stores = new StoreOptions();

        var command = new Command("restore", "Restore a snapshot into a node's state directory (download, verify, extract in one pass; move into place only when verified).");
        command.Options.Add(index);
        command.Options.Add(url);
        command.Options.Add(height);
        command.Options.Add(sha256);
        node.AddTo(command);
        command.Options.Add(target);
        command.Options.Add(replace);
        transfer.AddTo(command);
        command.Options.Add(progress);
        stores.AddTo(command);
        command.Validators.Add(r =>
        {
            // Presence, not value: a malformed URL already has its own error.
            if (r.GetResult(index) is null == r.GetResult(url) is null)
            {
                r.AddError("give exactly one of --index or --url");
            }
        });
        CommonOptions.RequireIndexForHeight(command, index, height);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "restore", async (log, token) =>
        {
            var request = new RestoreRequest(
                result.GetValue(index),
                result.GetValue(url),
                result.GetValue(sha256),
                result.GetValue(height),
                node.Read(result)!,
                result.GetValue(target)!,
                result.GetValue(replace),
                transfer.Read(result),
                TimeSpan.FromSeconds(result.GetValue(progress)));
            using var http = AgentHttp.Create(request.Retry.StallTimeout);
            using var sources = new UrlSources(http, stores.Read(result));
            await new SnapshotRestorer(sources, log, time: context.Time).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
