using System.CommandLine;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Publish;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary><c>publish</c>: upload an archive and add it to its network's index.</summary>
internal static class PublishCommandLine
{
    public static Command Create(AgentContext context)
    {
        var to = new Option<PublishTarget>("--to")
        {
            Description = "Store root: s3://bucket/prefix, gs://bucket/prefix or file:///dir (objects go to <root>/<network>/); or an IPFS node's Kubo RPC API, ipfs+http://host:5001 (the archive and manifest are added there, pinned, as CIDv1; the index goes to --index-to).",
            Required = true,
            CustomParser = r =>
            {
                try
                {
                    return PublishTarget.Parse(r.Tokens.Count > 0 ? r.Tokens[0].Value : "");
                }
                catch (ArgumentException e)
                {
                    r.AddError(e.Message);
                    return null;
                }
            },
        };
        var indexTo = new Option<StoreLocation>("--index-to")
        {
            Description = "With --to ipfs+http(s)://: the store root (s3://, gs://, file://) whose <network>/snapshots.json lists the IPFS snapshots.",
            CustomParser = r =>
            {
                try
                {
                    return StoreLocation.Parse(r.Tokens.Count > 0 ? r.Tokens[0].Value : "");
                }
                catch (ArgumentException e)
                {
                    r.AddError(e.Message.Replace("--to", "--index-to", StringComparison.Ordinal));
                    return null;
                }
            },
        };
        var ipfs = new IpfsPublishOptions();
        var archive = OptionRules.Path(new Option<string>("--archive") { Description = "Archive written by create (its .sha256 and .manifest.json beside it).", Required = true });
        var publicBase = CommonOptions.Url("--public-base-url", "URL anonymous readers use for the store root (e.g. the bucket's HTTPS URL or a CDN); default: the store's own s3://, gs:// or file:// URL, read with credentials.");
        var keep = OptionRules.AtLeast(new Option<int>("--keep") { Description = "Snapshots the index keeps per network (0 = all); older ones are deleted. The latest is always kept.", DefaultValueFactory = _ => 3 }, 0);
        var maxAgeDays = OptionRules.Between(new Option<double>("--max-age-days") { Description = "Prune snapshots older than this (0 = no age limit).", DefaultValueFactory = _ => 0 }, 0, 1_000_000);
        var owner = new Option<string>("--owner") { Description = "Lock owner name shown to other publishers (default: $POD_NAME or host/pid)." };
        var lockTtl = OptionRules.Seconds(new Option<double>("--lock-ttl-seconds") { Description = "A lock whose holder died expires after this.", DefaultValueFactory = _ => 900 }, zeroAllowed: false);
        var lockWait = OptionRules.Seconds(new Option<double>("--lock-wait-seconds") { Description = "How long to wait for another publisher's lock before failing.", DefaultValueFactory = _ => 600 }, zeroAllowed: true);
        var stores = new StoreOptions();
        var upload = new UploadOptions();

        var command = new Command("publish", "Upload an archive, its .sha256 and manifest, then update <network>/snapshots.json (newest first, latest moved) under a lock, applying retention.");
        var progress = CommonOptions.ProgressInterval();
        foreach (var option in new Option[] { to, indexTo, archive, publicBase, keep, maxAgeDays, owner, lockTtl, lockWait, progress })
        {
            command.Options.Add(option);
        }

        stores.AddTo(command);
        upload.AddTo(command);
        ipfs.AddTo(command);
        command.Validators.Add(r =>
        {
            var toIpfs = r.GetResult(to)?.Tokens.FirstOrDefault()?.Value.StartsWith("ipfs+", StringComparison.Ordinal) == true;
            if (toIpfs && r.GetResult(indexTo) is null)
            {
                r.AddError("--to ipfs+http(s):// needs --index-to (the store that keeps <network>/snapshots.json)");
            }

            if (!toIpfs && (r.GetResult(indexTo) is not null || ipfs.AnyGiven(r)))
            {
                r.AddError("--index-to and the --ipfs-*/--pin-* options go with --to ipfs+http(s):// only");
            }

            if (toIpfs && r.GetResult(publicBase) is not null)
            {
                r.AddError("--public-base-url does not apply to --to ipfs+http(s):// (readers use ipfs:// through their gateways)");
            }
        });

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, "publish", async (log, token) =>
        {
            var target = result.GetValue(to)!;
            var location = target.Store ?? result.GetValue(indexTo)!;
            using var http = AgentHttp.Create(TimeSpan.FromSeconds(30));
            using var clients = new ObjectStores(http, stores.Read(result), upload: upload.Read(result), log: log);
            var toIpfs = target.KuboApi is { } api ? ipfs.Read(result, http, api, log) : null;
            var days = result.GetValue(maxAgeDays);
            var request = new PublishRequest(
                result.GetValue(archive)!,
                result.GetValue(publicBase),
                new RetentionPolicy(result.GetValue(keep), days > 0 ? TimeSpan.FromDays(days) : null),
                result.GetValue(owner) ?? DefaultOwner(),
                TimeSpan.FromSeconds(result.GetValue(lockTtl)),
                TimeSpan.FromSeconds(result.GetValue(lockWait)),
                TimeSpan.FromSeconds(result.GetValue(progress)),
                toIpfs);
            await new SnapshotPublisher(clients.Open(location), location, log, context.Time).RunAsync(request, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static string DefaultOwner() =>
        Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}/{Environment.ProcessId}";
}
