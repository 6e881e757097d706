using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Scheduling;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// The job that cuts snapshots: a CronJob whose pod restores the newest snapshot into a scratch
/// volume, runs its own node to a target height, confirms the clean stop, and publishes the state
/// with the snapshot agent as the snapshot writer. Also a ConfigMap with the node's config
/// (rendered by the node sets' renderers) and a NetworkPolicy admitting nothing into the pod.
/// Snapshots are only ever cut from the node this job ran, never from a serving replica.
/// </summary>
public static class SnapshotJobComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:SnapshotJob";

    /// <summary>CronJob names are limited to 52 characters (Jobs get an 11-character suffix).</summary>
    public const int MaxNameLength = 52;

    /// <summary>Finished runs kept (their pods' logs say what each cut did).</summary>
    public const int HistoryLimit = 3;

    /// <summary>A run that fails is retried once in a new pod (a fresh scratch volume), within the deadline.</summary>
    public const int BackoffLimit = 1;

    /// <summary>The agent's exit code for "incompatible", which its <c>target-height --state</c> uses for "nothing new to cut" (tools/ZcashInfra.SnapshotAgent README, exit codes).</summary>
    public const int NothingNewExitCode = 3;

    /// <summary>Finished Jobs (also ones started by hand, which no history limit counts) are deleted after 3 days.</summary>
    public static readonly TimeSpan FinishedJobTtl = TimeSpan.FromDays(3);

    /// <summary>Declares a snapshot job named <paramref name="name"/> (also its CronJob's name).</summary>
    /// <exception cref="GraphException">The arguments cannot make a working job (every problem listed).</exception>
    public static SnapshotJobOutputs Declare(GraphScope scope, string name, SnapshotJobArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var schedule = Check(name, args);
        var plan = new SnapshotJobPlan(name, args);
        var component = scope.Component(Type, name);
        var options = new NodeOptions { DependsOn = args.DependsOn };
        var implementation = NodeLabels.Value(plan.Implementation);
        var extras = new Dictionary<string, string> { [RecommendedLabels.Component] = SnapshotJobPlan.Component };

        var config = KubernetesObjects.Declare(component, $"{name}-config", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = KubernetesObjects.Metadata(plan.ConfigMapName, args.Namespace, implementation, name, extras),
            ["data"] = new JsonObject { [plan.ConfigFile] = plan.ConfigText },
        }, args.Provider, options);

        KubernetesObjects.Declare(component, $"{name}-network-policy", new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "NetworkPolicy",
            ["metadata"] = KubernetesObjects.Metadata(name, args.Namespace, implementation, name, extras),
            ["spec"] = new JsonObject
            {
                // The job's node only dials out (peers, the bucket, a serving node's RPC, the Kubo
                // node when publishing to IPFS); nothing dials in. Egress is not restricted: the
                // peers are public addresses no rule could list, so the Kubo RPC port is reachable
                // as they are (a Kubo NetworkPolicy can admit the pods by IpfsPublisherLabel).
                ["podSelector"] = new JsonObject { ["matchLabels"] = Selector(name) },
                ["policyTypes"] = new JsonArray("Ingress"),
            },
        }, args.Provider, options);

        var cronJob = KubernetesObjects.Declare(component, $"{name}-cronjob", CronJob(plan, schedule), args.Provider,
            new NodeOptions { DependsOn = [.. args.DependsOn, config] });

        component.Output("cronJobName", name);
        component.Output("schedule", args.Schedule);
        return new SnapshotJobOutputs(component.Path!, cronJob, name);
    }

    /// <summary>What selects exactly this job's pods.</summary>
    public static JsonObject Selector(string name) => new()
    {
        [RecommendedLabels.Instance] = name,
        [RecommendedLabels.Component] = SnapshotJobPlan.Component,
    };

    private static JsonObject CronJob(SnapshotJobPlan plan, CronSchedule schedule)
    {
        var args = plan.Args;
        var implementation = NodeLabels.Value(plan.Implementation);
        var labels = new JsonObject
        {
            [RecommendedLabels.Name] = implementation,
            [RecommendedLabels.Instance] = plan.Name,
            [RecommendedLabels.Component] = SnapshotJobPlan.Component,
            [RecommendedLabels.Version] = args.Release.Version,
            [RecommendedLabels.ManagedBy] = KubernetesObjects.ManagedBy,
            [NodeLabels.NetworkKey] = NodeLabels.Value(plan.Network),
            [NodeLabels.ImplementationKey] = implementation,
        };
        if (args.Ipfs is not null)
        {
            labels[SnapshotJobPod.IpfsPublisherLabel] = "true";
        }

        if (args.Target.Height is null && args.Target.TipNodeSet is { } tipSet)
        {
            // Admitted to that node set's RPC port by its NetworkPolicy: the tip is read there.
            labels[NodeLabels.RpcClient(tipSet)] = "true";
        }

        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = KubernetesObjects.Metadata(plan.Name, args.Namespace, implementation, plan.Name,
                new Dictionary<string, string> { [RecommendedLabels.Component] = SnapshotJobPlan.Component }),
            ["spec"] = new JsonObject
            {
                ["schedule"] = schedule.Expression,
                ["timeZone"] = CronSchedule.TimeZone,

                // One cut at a time: two runs would race for the same index and double the cost.
                ["concurrencyPolicy"] = "Forbid",
                ["startingDeadlineSeconds"] = (long)SnapshotFreshness.StartingDeadline.TotalSeconds,
                ["suspend"] = args.Suspend,
                ["successfulJobsHistoryLimit"] = HistoryLimit,
                ["failedJobsHistoryLimit"] = HistoryLimit,
                ["jobTemplate"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject
                    {
                        ["activeDeadlineSeconds"] = (long)plan.Deadline.TotalSeconds,
                        ["backoffLimit"] = BackoffLimit,

                        // The target step exits 3 when there is nothing new to cut (its target is
                        // not above the restored state): a retry would restore hundreds of GB to
                        // learn the same. FailJob ends the run without a retry; the job controller
                        // matches init containers' exit codes too (kubernetes
                        // pkg/controller/job/pod_failure_policy.go matchOnExitCodes), and the API
                        // server accepts an init container's name here with restartPolicy Never
                        // (pkg/apis/batch/validation/validation.go); PodFailurePolicyPolicy checks it.
                        ["podFailurePolicy"] = new JsonObject { ["rules"] = FailureRules(plan) },
                        ["ttlSecondsAfterFinished"] = (long)FinishedJobTtl.TotalSeconds,
                        ["template"] = SnapshotJobPod.Template(plan, labels),
                    },
                },
            },
        };
    }

    private static JsonArray FailureRules(SnapshotJobPlan plan)
    {
        var rules = new JsonArray(new JsonObject
        {
            ["action"] = "FailJob",
            ["onExitCodes"] = new JsonObject
            {
                ["containerName"] = SnapshotJobPod.TargetContainer,
                ["operator"] = "In",
                ["values"] = new JsonArray(NothingNewExitCode),
            },
        });
        if (plan.Args.VolumeSnapshots is not null)
        {
            // The volume snapshot runs after the bucket publish: a retry would restore, sync and
            // publish again to redo it. The next scheduled cut takes the next one instead.
            rules.Add(new JsonObject
            {
                ["action"] = "FailJob",
                ["onExitCodes"] = new JsonObject
                {
                    ["containerName"] = SnapshotJobPod.VolumeSnapshotContainer,
                    ["operator"] = "NotIn",
                    ["values"] = new JsonArray(0),
                },
            });
        }

        return rules;
    }

    /// <summary>
    /// What the stack settings validate with key paths is checked here too, so a program using the
    /// component directly cannot declare a job that cannot work.
    /// </summary>
    private static CronSchedule Check(string name, SnapshotJobArgs args)
    {
        var problems = new List<string>();
        if (name.Length > MaxNameLength)
        {
            problems.Add($"the name must be at most {MaxNameLength} characters (CronJob names), got {name.Length}");
        }

        if (args.Release.Network == Network.Regtest)
        {
            problems.Add("regtest is a private chain that starts empty; it has no snapshots");
        }

        problems.AddRange(args.Release.Problems(NodeReleaseUse.SnapshotCut).Select(p => p.ToString()));

        if (args.RestoreIndexes.IsDefaultOrEmpty)
        {
            problems.Add("RestoreIndexes needs at least one snapshots.json (the stack's own, or a bootstrap such as the Foundation's)");
        }

        var target = args.Target;
        if (target.Height is null)
        {
            if (target.TipRpcEndpoint is null || target.TipNodeSet is null)
            {
                problems.Add("without a fixed Target.Height, Target.TipNodeSet and Target.TipRpcEndpoint name the serving node whose tip is read");
            }

            var depth = target.BlocksBehindTip ?? ChainTiming.DefaultDepth(args.Release.Implementation);
            if (depth < ChainTiming.MinimumDepth(args.Release.Implementation))
            {
                problems.Add($"Target.BlocksBehindTip must be ≥ {ChainTiming.MinimumDepth(args.Release.Implementation)} for zebrad (it finalizes a block only that many blocks later), got {depth}");
            }
        }
        else if (target.Height < 1)
        {
            problems.Add($"Target.Height must be ≥ 1, got {target.Height}");
        }

        if (args.Ipfs is { } ipfs)
        {
            problems.AddRange(ipfs.Problems(args.Store.BucketUrl));
        }

        var deadline = args.Deadline ?? SnapshotJobSizing.DefaultDeadline(args.Release.Network, args.VolumeSnapshots is not null);
        if (deadline < TimeSpan.FromMinutes(1))
        {
            problems.Add($"the deadline must be at least a minute, got {deadline}");
        }

        CronSchedule.TryParse(args.Schedule, out var schedule, out var error);
        if (schedule is null)
        {
            problems.Add($"schedule '{args.Schedule}': {error}");
        }
        else
        {
            var depth = target.Height is null ? target.BlocksBehindTip ?? ChainTiming.DefaultDepth(args.Release.Implementation) : 0;
            problems.AddRange(SnapshotFreshness.Problems(args.Release.Network, schedule, depth, deadline, target.Height is null ? args.MaxAge : null));
            if (target.Height is not null && args.MaxAge is not null && !args.Suspend)
            {
                problems.Add("a fixed Target.Height cannot keep snapshots fresh on a schedule; use BlocksBehindTip, or suspend the schedule");
            }
        }

        if (problems.Count > 0)
        {
            throw new GraphException($"snapshot job '{name}': {string.Join("; ", problems)}");
        }

        return schedule!;
    }
}
