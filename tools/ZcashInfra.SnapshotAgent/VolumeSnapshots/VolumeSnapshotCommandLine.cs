using System.CommandLine;
using System.CommandLine.Parsing;
using ZcashInfra.Cluster;
using ZcashInfra.Cluster.VolumeSnapshots;
using ZcashInfra.SnapshotAgent.Cli;
using ZcashInfra.SnapshotAgent.Errors;

namespace ZcashInfra.SnapshotAgent.VolumeSnapshots;

/// <summary>
/// <c>volume-snapshot</c>: after the clean stop, snapshot the volume the job ran on as a CSI
/// VolumeSnapshot, wait until it is ready to use, re-point the alias, prune the series. Talks to
/// the API server through KubernetesClient under the pod's service account (or --kubeconfig).
/// </summary>
internal static class VolumeSnapshotCommandLine
{
    /// <summary>The command's name (a contract with the snapshot job's renderer).</summary>
    public const string Name = "volume-snapshot";

    public static Command Create(AgentContext context)
    {
        var claim = new Option<string>("--claim") { Description = "The PersistentVolumeClaim to snapshot.", Required = true };
        var snapshotClass = new Option<string>("--class") { Description = "The VolumeSnapshotClass.", Required = true };
        var name = new Option<string>("--name") { Description = "Name of the new VolumeSnapshot.", Required = true };
        var labels = new Option<string[]>("--label") { Description = "key=value label of the new snapshot (repeatable).", AllowMultipleArgumentsPerToken = false };
        var series = new Option<string[]>("--series") { Description = "key=value pair (one of the --label pairs) that defines the retention series (repeatable).", AllowMultipleArgumentsPerToken = false };
        var keep = new Option<int>("--keep") { Description = "Ready snapshots of the series to keep, the new one included.", Required = true };
        var alias = new Option<string?>("--alias") { Description = "A fixed VolumeSnapshot name re-pointed at the new snapshot (what PVC dataSourceRefs name)." };
        var ns = new Option<string?>("--namespace") { Description = "Namespace of the snapshots. Default: the pod's own (service account mount)." };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for each snapshot to be ready to use, e.g. 30m, 1h30m.", DefaultValueFactory = _ => "30m" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "A kubeconfig file. Default: the in-cluster service account." };

        var command = new Command(Name, "Snapshot a claim as a CSI VolumeSnapshot, wait until ready, re-point an alias, prune older snapshots of the series.");
        foreach (var option in new Option[] { claim, snapshotClass, name, labels, series, keep, alias, ns, timeout, kubeconfig })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r =>
        {
            // Every problem is a usage error (exit 2, one line), found before any request is sent.
            var problems = new List<string>();
            VolumeSnapshotRequest? request;
            try
            {
                request = Request(r, claim, snapshotClass, name, labels, series, keep, alias, timeout, problems);
            }
            catch (InvalidOperationException)
            {
                // An option's own parse error (a repeated single value, a non-number): the parser reports it.
                return;
            }

            if (request is not null)
            {
                problems.AddRange(request.Problems());
            }

            foreach (var problem in problems)
            {
                r.AddError(problem);
            }
        });

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, Name, async (log, token) =>
        {
            var request = Request(result.CommandResult, claim, snapshotClass, name, labels, series, keep, alias, timeout, [])!;
            try
            {
                using var cluster = ClusterConnection.Open(result.GetValue(kubeconfig), null, inClusterByDefault: true);
                var space = result.GetValue(ns) ?? ClusterConnection.NamespaceFromServiceAccount();
                log.Info($"volume-snapshot: {cluster.Description}, namespace {space}");
                var cut = new VolumeSnapshotCut(new VolumeSnapshotClient(cluster.Client, space, context.Time), log.Info);
                var done = await cut.RunAsync(request, token).ConfigureAwait(false);
                var alias = (done.Alias, done.AliasHeldBy) switch
                {
                    ({ } a, _) => $", alias {a.Name} points at it",
                    (null, { Count: > 0 } held) => $", alias {request.Alias} not re-pointed this run (Pending claims {string.Join(", ", held)} restore from it; the next cut re-points it)",
                    _ => string.Empty,
                };
                log.Info($"volume-snapshot: {done.Snapshot.Name} ready{alias}, {done.Deleted.Count} deleted");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ClusterException or TimeoutException && !token.IsCancellationRequested)
            {
                throw new AgentException(ExitCodes.Failed, e.Message, e);
            }
        }, cancellationToken));
        return command;
    }

    private static VolumeSnapshotRequest? Request(
        CommandResult r, Option<string> claim, Option<string> snapshotClass, Option<string> name, Option<string[]> labels, Option<string[]> series,
        Option<int> keep, Option<string?> alias, Option<string> timeout, List<string> problems)
    {
        var labelPairs = Pairs("--label", r.GetValue(labels), problems);
        var seriesPairs = Pairs("--series", r.GetValue(series), problems);
        var text = r.GetValue(timeout) ?? "30m";
        var wait = Durations.Parse(text);
        if (wait is null)
        {
            problems.Add($"--timeout '{text}' is not a duration such as 90s, 30m or 1h30m");
        }

        var claimName = r.GetValue(claim);
        var className = r.GetValue(snapshotClass);
        var snapshotName = r.GetValue(name);
        return claimName is null || className is null || snapshotName is null || wait is null
            ? null
            : new VolumeSnapshotRequest(claimName, className, snapshotName, labelPairs, seriesPairs, r.GetValue(keep), r.GetValue(alias), wait.Value);
    }

    private static Dictionary<string, string> Pairs(string option, string[]? values, List<string> problems)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add($"{option} '{value}' is not key=value");
            }
            else if (!pairs.TryAdd(value[..equals], value[(equals + 1)..]))
            {
                problems.Add($"{option} {value[..equals]} is given twice");
            }
        }

        return pairs;
    }
}
