using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// The pod of one snapshot run. Init containers run in order and each must succeed before the next
/// starts: restore the newest snapshot into a fresh scratch volume, decide the target height, run
/// the node to it, confirm the clean stop (zebrad); only then does the main container pack and
/// publish. The pod runs as the snapshot writer, on the nodes pool, with the restricted profile.
/// </summary>
internal static class SnapshotJobPod
{
    /// <summary>Container names, in the order they run (what <c>kubectl logs -c</c> takes).</summary>
    public const string RestoreContainer = "restore";

    public const string TargetContainer = "target";

    public const string NodeContainer = "node";

    public const string CheckContainer = "check";

    public const string PublishContainer = "publish";

    private const string ConfigVolume = "config";
    private const string ScratchVolume = "scratch";
    private const string WorkVolume = "work";
    private const string TmpVolume = "tmp";
    private const string PinTokenVolume = "ipfs-pinning";
    private const string KuboAuthorizationVolume = "ipfs-api";

    /// <summary>
    /// The pod label a run publishing to IPFS carries, so the Kubo node's own NetworkPolicy (if it
    /// has one) can admit exactly these pods to its RPC port.
    /// </summary>
    public const string IpfsPublisherLabel = "zcash-infra/ipfs-publisher";

    /// <summary>Secret files are root-owned and readable by the pod's group only (0440), as the node sets' RPC password.</summary>
    private const int SecretFileMode = 0b100_100_000;

    public static JsonObject Template(SnapshotJobPlan plan, JsonObject labels)
    {
        var args = plan.Args;
        var initContainers = new JsonArray(
            Agent(plan, RestoreContainer, NodeSizing.RestoreResources,
                SnapshotJobSteps.Restore(args.RestoreIndexes, plan.Network, plan.Implementation, plan.DbMajor, args.Zcashd, args.Store.S3Region)),
            Target(plan));
        if (plan.IsZebra)
        {
            initContainers.Add(Node(plan, NodeContainer, SnapshotJobScripts.RunZebrad(plan)));
            initContainers.Add(Node(plan, CheckContainer, SnapshotJobScripts.CheckZebrad(plan)));
        }
        else
        {
            // zcashd has no offline tip reader: the run step confirms the height over RPC before it stops the node.
            initContainers.Add(Node(plan, NodeContainer, SnapshotJobScripts.RunZcashd(plan)));
        }

        var publish = NodePod.Container(PublishContainer, args.AgentImage, SnapshotJobSizing.PublishResources(plan.Resources));
        IReadOnlyList<IReadOnlyList<string>> publishes = args.Ipfs is { } ipfs
            ? [SnapshotJobSteps.Publish(args.Store), SnapshotJobSteps.PublishIpfs(ipfs, args.Store)]
            : [SnapshotJobSteps.Publish(args.Store)];
        publish["command"] = new JsonArray("sh", "-c", SnapshotJobScripts.PackAndPublish(plan,
            SnapshotJobSteps.Create(plan.Network, plan.Implementation, plan.DbMajor, args.Zcashd, args.Version),
            publishes));

        // The publish lock names its holder; the pod's name says which run holds it.
        publish["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "POD_NAME",
            ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } },
        });
        var publishMounts = Mounts(plan, config: false);
        foreach (var (volume, file, _) in IpfsSecrets(args.Ipfs))
        {
            publishMounts.Add(NodePod.Mount(volume, file[..file.LastIndexOf('/')], readOnly: true));
        }

        publish["volumeMounts"] = publishMounts;

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["serviceAccountName"] = args.ServiceAccount,

                // Cloud credentials come from Workload Identity's metadata server (GKE) or the token
                // the IRSA webhook projects (EKS); nothing here calls the Kubernetes API.
                ["automountServiceAccountToken"] = false,

                // zebrad reads every ZEBRA_* variable as config (zebra zebrad/src/config.rs).
                ["enableServiceLinks"] = false,
                ["restartPolicy"] = "Never",
                ["terminationGracePeriodSeconds"] = NodeSizing.TerminationGraceSeconds(plan.Implementation),
                ["securityContext"] = new JsonObject
                {
                    ["runAsNonRoot"] = true,
                    ["runAsUser"] = plan.Uid,
                    ["runAsGroup"] = plan.Uid,
                    ["fsGroup"] = plan.Uid,
                    ["fsGroupChangePolicy"] = "OnRootMismatch",
                    ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
                },
                ["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Nodes),
                ["tolerations"] = PoolPlacement.Tolerations(PoolRole.Nodes),
                ["initContainers"] = initContainers,
                ["containers"] = new JsonArray(publish),
                ["volumes"] = Volumes(plan, labels),
            },
        };
    }

    private static JsonObject Target(SnapshotJobPlan plan)
    {
        var container = Agent(plan, TargetContainer, SnapshotJobSizing.TargetStepResources,
            SnapshotJobSteps.TargetHeight(plan.TargetFile, plan.TipRpc, plan.BlocksBehindTip, plan.StateDirectory));

        // A run started by hand overrides it (README, "Snapshot job"); empty means the tip minus N.
        container["env"] = new JsonArray(new JsonObject
        {
            ["name"] = SnapshotJobSteps.TargetHeightVariable,
            ["value"] = plan.Args.Target.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        });
        return container;
    }

    private static JsonObject Agent(SnapshotJobPlan plan, string name, NodeResources resources, IReadOnlyList<string> arguments)
    {
        var container = NodePod.Container(name, plan.Args.AgentImage, resources);
        container["args"] = new JsonArray([.. arguments.Select(a => JsonValue.Create(a))]);
        container["volumeMounts"] = Mounts(plan, config: false);
        return container;
    }

    private static JsonObject Node(SnapshotJobPlan plan, string name, string script)
    {
        // The node's own image, started directly (not through its entrypoint, which chowns the volume).
        var container = NodePod.Container(name, plan.Image, plan.Resources);
        container["command"] = new JsonArray("sh", "-c", script);
        container["volumeMounts"] = Mounts(plan, config: true);
        return container;
    }

    private static JsonArray Mounts(SnapshotJobPlan plan, bool config)
    {
        var mounts = new JsonArray();
        if (config)
        {
            mounts.Add(NodePod.Mount(ConfigVolume, plan.ConfigDir, readOnly: true));
        }

        mounts.Add(NodePod.Mount(ScratchVolume, plan.MountPath));
        mounts.Add(NodePod.Mount(WorkVolume, SnapshotJobPlan.WorkDir));
        mounts.Add(NodePod.Mount(TmpVolume, "/tmp"));
        return mounts;
    }

    private static JsonArray Volumes(SnapshotJobPlan plan, JsonObject labels)
    {
        var claim = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = plan.ScratchSize } },
        };
        if (plan.Args.StorageClass is { } storageClass)
        {
            claim["storageClassName"] = storageClass;
        }

        var volumes = new JsonArray(
            new JsonObject { ["name"] = ConfigVolume, ["configMap"] = new JsonObject { ["name"] = plan.ConfigMapName } },
            new JsonObject
            {
                // A generic ephemeral volume: created with the pod, deleted with it. Every run
                // starts from a verified snapshot, never from a serving node's volume.
                ["name"] = ScratchVolume,
                ["ephemeral"] = new JsonObject
                {
                    ["volumeClaimTemplate"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                        ["spec"] = claim,
                    },
                },
            },
            new JsonObject { ["name"] = WorkVolume, ["emptyDir"] = new JsonObject { ["medium"] = "Memory", ["sizeLimit"] = "1Mi" } },
            new JsonObject { ["name"] = TmpVolume, ["emptyDir"] = new JsonObject { ["sizeLimit"] = "1Gi" } });
        foreach (var (volume, file, secret) in IpfsSecrets(plan.Args.Ipfs))
        {
            // Only the named key, as the file the agent reads; the value stays in the Secret.
            volumes.Add(new JsonObject
            {
                ["name"] = volume,
                ["secret"] = new JsonObject
                {
                    ["secretName"] = secret.Name,
                    ["items"] = new JsonArray(new JsonObject { ["key"] = secret.Key, ["path"] = file[(file.LastIndexOf('/') + 1)..] }),
                    ["defaultMode"] = SecretFileMode,
                },
            });
        }

        return volumes;
    }

    /// <summary>The Secrets an IPFS publish reads, as (volume, file in the container, Secret key).</summary>
    private static IEnumerable<(string Volume, string File, SecretKeyRef Secret)> IpfsSecrets(SnapshotJobIpfs? ipfs)
    {
        if (ipfs?.KuboAuthorization is { } auth)
        {
            yield return (KuboAuthorizationVolume, SnapshotJobSteps.KuboAuthorizationFile, auth);
        }

        if (ipfs?.PinToken is { } token)
        {
            yield return (PinTokenVolume, SnapshotJobSteps.PinTokenFile, token);
        }
    }
}
