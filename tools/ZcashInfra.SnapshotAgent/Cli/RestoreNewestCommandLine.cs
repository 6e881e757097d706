using System.CommandLine;
using ZcashInfra.SnapshotAgent.Cut;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>
/// <c>restore-newest</c>: the snapshot job's restore. Several indexes (the stack's own, then the
/// Zcash Foundation's as a bootstrap); the newest compatible entry of any of them is restored the
/// way <c>restore</c> does it. Missing or empty indexes are skipped, so a stack's first cut works.
/// </summary>
internal static class RestoreNewestCommandLine
{
    public static Command Create(AgentContext context)
    {
        var indexes = new Option<Uri[]>("--index")
        {
            Description = "URL of a network's snapshots.json (http(s), file, s3, gs or ipfs); repeat it (the stack's own first, then the Foundation's). The newest compatible entry of all is restored.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r => CommonOptions.ParseSources(r, "--index"),
        };
        var node = new NodeOptions(required: true);
        var target = OptionRules.Path(new Option<string>("--target") { Description = "The node's state directory (zebrad cache_dir, zcashd network data dir) on its volume.", Required = true });
        var transfer = new TransferOptions();
        var progress = CommonOptions.ProgressInterval();
        var stores = new StoreOptions();
        var ipfs = new IpfsOptions();

        var command = new Command("restore-newest", "Restore the newest compatible snapshot of several indexes (download, verify, extract in one pass; move into place only when verified).");
        command.Options.Add(indexes);
        node.AddTo(command);
        command.Options.Add(target);
        transfer.AddTo(command);
        command.Options.Add(progress);
        stores.AddTo(command);
        ipfs.AddTo(command);
        ipfs.RequireFor(command, indexes);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "restore-newest", async (log, token) =>
        {
            var requirements = node.Read(result)!;
            var retry = transfer.Read(result);
            using var http = AgentHttp.Create(retry.StallTimeout);
            using var sources = new UrlSources(http, stores.Read(result)) { Ipfs = ipfs.Read(result, log) };
            var newest = await new NewestSnapshotPicker(new TextFetcher(sources, retry, log), log)
                .PickAsync(result.GetValue(indexes)!, requirements, token).ConfigureAwait(false);

            // The chosen archive and its digest, pinned: exactly what was picked is restored. Its
            // height goes into the marker with the rest (the Foundation's archives have no
            // manifest to take it from), written once, under the target's claim.
            var request = new RestoreRequest(null, newest.Url, newest.Sha256, newest.Height, requirements, result.GetValue(target)!, false, retry, TimeSpan.FromSeconds(result.GetValue(progress)));
            await new SnapshotRestorer(sources, log, time: context.Time).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
