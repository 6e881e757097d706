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
        publish["command"] = new JsonArray("sh", "-c", SnapshotJobScripts.PackAndPublish(plan,
            SnapshotJobSteps.Create(plan.Network, plan.Implementation, plan.DbMajor, args.Zcashd, args.Version),
            SnapshotJobSteps.Publish(args.Store)));

        // The publish lock names its holder; the pod's name says which run holds it.
        publish["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "POD_NAME",
            ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } },
        });
        publish["volumeMounts"] = Mounts(plan, config: false);

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
                ["securityContext"] = PodSecurity.Pod(plan.Uid, fsGroup: plan.Uid, fsGroupChangePolicy: "OnRootMismatch"),
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

        return new JsonArray(
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
    }
}
