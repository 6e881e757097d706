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
        var state = OptionRules.Path(new Option<string?>("--state") { Description = "The restored state directory: a target not above its restored snapshot's height is refused." });
        var transfer = new TransferOptions();

        var command = new Command("target-height", "Decide the height a snapshot job stops its node at: --height, or a serving node's tip minus --behind-tip; refuse one not above the restored snapshot.");
        foreach (var option in new Option[] { output, height, rpc, behind, state })
        {
            command.Options.Add(option);
        }

        transfer.AddTo(command);
        command.Validators.Add(r =>
        {
            // Presence, not value: the two only make sense together.
            if (r.GetResult(rpc) is null != r.GetResult(behind) is null)
            {
                r.AddError("--rpc-url and --behind-tip go together");
            }
        });

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "target-height", async (log, token) =>
        {
            var retry = transfer.Read(result);
            using var http = AgentHttp.Create(retry.StallTimeout);
            var request = new TargetHeightRequest(result.GetValue(height), result.GetValue(rpc), result.GetValue(behind), result.GetValue(state), result.GetValue(output)!);
            await new TargetHeight(new NodeTip(http, retry, log), log).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
