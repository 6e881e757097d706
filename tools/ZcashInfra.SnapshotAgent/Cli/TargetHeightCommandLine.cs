using System.CommandLine;
using ZcashInfra.SnapshotAgent.Cut;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary><c>target-height</c>: the height a snapshot job runs its node to, written to a file for the next steps.</summary>
internal static class TargetHeightCommandLine
{
    public static Command Create(AgentContext context)
    {
        var output = OptionRules.Path(new Option<string>("--output") { Description = "File the height is written to (a number and a newline).", Required = true });
        var height = new Option<string?>("--height")
        {
            Description = "An explicit target height; empty means none (an unset $(TARGET_HEIGHT) expands to empty). Wins over --rpc-url.",
        };
        var rpc = new Option<Uri?>("--rpc-url")
        {
            Description = "JSON-RPC URL of a serving node (zebrad or zcashd); its getblockchaininfo tip minus --behind-tip is the target.",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                r.AddError($"--rpc-url must be an absolute http(s):// URL, not '{text}'");
                return null;
            },
        };
        var behind = new Option<long?>("--behind-tip") { Description = "Blocks below the node's tip (zebrad: ≥ 1000, its finalization depth)." };
        behind.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
            {
                r.AddError("--behind-tip must be ≥ 0");
            }
        });
        var fallbackIndexes = new Option<Uri[]>("--fallback-index")
        {
            Description = "URL of a network's snapshots.json (http(s), file, s3, gs or ipfs); repeatable. Used only when --rpc-url gives no answer at all after the retries (refused, unresolved, timed out): the newest entry's height of these plus --fallback-ahead is the target.",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r => CommonOptions.ParseSources(r, "--fallback-index"),
        };
        var fallbackAhead = OptionRules.AtLeast(new Option<long?>("--fallback-ahead") { Description = "Blocks above the newest indexed height the fallback target lies (≥ 1)." }, 1);
        var state = OptionRules.Path(new Option<string?>("--state") { Description = "The restored state directory: a target not above its restored snapshot's height is refused." });
        var transfer = new TransferOptions();
        var stores = new StoreOptions();
        var ipfs = new IpfsOptions();

        var command = new Command("target-height", "Decide the height a snapshot job stops its node at: --height, or a serving node's tip minus --behind-tip (when it gives no answer, the newest --fallback-index height plus --fallback-ahead); refuse one not above the restored snapshot.");
        foreach (var option in new Option[] { output, height, rpc, behind, fallbackIndexes, fallbackAhead, state })
        {
            command.Options.Add(option);
        }

        transfer.AddTo(command);
        stores.AddTo(command);
        ipfs.AddTo(command);
        ipfs.RequireFor(command, fallbackIndexes);
        command.Validators.Add(r =>
        {
            // Presence, not value: the two only make sense together.
            if (r.GetResult(rpc) is null != r.GetResult(behind) is null)
            {
                r.AddError("--rpc-url and --behind-tip go together");
            }

            if (r.GetResult(fallbackIndexes) is null != r.GetResult(fallbackAhead) is null)
            {
                r.AddError("--fallback-index and --fallback-ahead go together");
            }
            else if (r.GetResult(fallbackIndexes) is not null && r.GetResult(rpc) is null)
            {
                r.AddError("--fallback-index is a fallback for --rpc-url: give --rpc-url too");
            }
        });

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "target-height", async (log, token) =>
        {
            var retry = transfer.Read(result);
            using var http = AgentHttp.Create(retry.StallTimeout);
            using var sources = new UrlSources(http, stores.Read(result)) { Ipfs = ipfs.Read(result, log) };
            var request = new TargetHeightRequest(result.GetValue(height), result.GetValue(rpc), result.GetValue(behind), result.GetValue(state), result.GetValue(output)!,
                result.GetValue(fallbackIndexes), result.GetValue(fallbackAhead));
            var indexed = new IndexedHeight(new TextFetcher(sources, retry, log), log);
            await new TargetHeight(new NodeTip(http, retry, log), log, indexed).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
