using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.VolumeSnapshots;
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

    /// <summary>With volume snapshots: the last step, after the publish (an init container then).</summary>
    public const string VolumeSnapshotContainer = "volume-snapshot";

    /// <summary>The volume holding the node's state (with volume snapshots: the state alone, the volume that is snapshotted).</summary>
    public const string ScratchVolume = "scratch";

    /// <summary>Where a container finds the API server's credentials (what in-cluster clients read: KubernetesClient's <c>KubernetesClientConfiguration.InClusterConfig</c>).</summary>
    public const string ServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Lifetime of the projected API token (the kubelet renews it at 80 %; the API server's minimum is 10 minutes).</summary>
    public const long TokenSeconds = 3600;

    private const string ConfigVolume = "config";
    private const string ArchiveVolume = "archive";
    private const string ApiTokenVolume = "kube-api-access";
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
                SnapshotJobSteps.Restore(args.RestoreIndexes, plan.Network, plan.Implementation, plan.DbMajor, args.Release.Zcashd, args.Store.S3Region)),
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
            SnapshotJobSteps.Create(plan.Network, plan.Implementation, plan.DbMajor, args.Release.Zcashd, args.Release.Version),
            publishes));

        // The publish lock names its holder; the pod's name says which run holds it.
        publish["env"] = new JsonArray(PodNameVariable());
        publish["volumeMounts"] = Mounts(plan, config: false);
        foreach (var (volume, file, _) in IpfsSecrets(args.Ipfs))
        {
            publish["volumeMounts"]!.AsArray().Add(NodePod.Mount(volume, file[..file.LastIndexOf('/')], readOnly: true));
        }

        if (args.VolumeSnapshots is not null)
        {
            publish["volumeMounts"]!.AsArray().Add(NodePod.Mount(ArchiveVolume, plan.ArchiveDir));
        }

        var metadata = new JsonObject { ["labels"] = labels };
        JsonArray containers;
        if (args.VolumeSnapshots is { } volumeSnapshots)
        {
            // The publish becomes a step like the others; the volume snapshot runs last, once the
            // bucket copy is out, and is the only container that can call the API server.
            initContainers.Add(publish);
            containers = new JsonArray(VolumeSnapshot(plan, volumeSnapshots));
            metadata["annotations"] = new JsonObject { [KubernetesApiUse.Annotation] = KubernetesApiUse.ToAnnotation(VolumeSnapshotCommand.ApiUses) };
        }
        else
        {
            containers = new JsonArray(publish);
        }

        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["serviceAccountName"] = args.ServiceAccount,

                // Cloud credentials come from Workload Identity's metadata server (GKE) or the token
                // the IRSA webhook projects (EKS, audience sts.amazonaws.com, which the API server
                // does not accept); only the volume-snapshot step mounts an API token, its own.
                ["automountServiceAccountToken"] = false,

                // zebrad reads every ZEBRA_* variable as config (zebra zebrad/src/config.rs).
                ["enableServiceLinks"] = false,
                ["restartPolicy"] = "Never",
                ["terminationGracePeriodSeconds"] = NodeSizing.TerminationGraceSeconds(plan.Implementation),
                ["securityContext"] = PodSecurity.Pod(plan.Uid, fsGroup: plan.Uid, fsGroupChangePolicy: "OnRootMismatch"),
                ["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Nodes),
                ["tolerations"] = PoolPlacement.Tolerations(PoolRole.Nodes),
                ["initContainers"] = initContainers,
                ["containers"] = containers,
                ["volumes"] = Volumes(plan, labels),
            },
        };
    }

    /// <summary>
    /// The volume-snapshot step: flushes the state volume's filesystem (the node and the steps wrote
    /// through the page cache; a CSI snapshot copies the disk), then the agent's
    /// <c>volume-snapshot</c>. The claim is the generic ephemeral volume's, named
    /// <c>&lt;pod&gt;-&lt;volume&gt;</c> (kubernetes staging/src/k8s.io/component-helpers/storage/ephemeral/ephemeral.go
    /// VolumeClaimName).
    /// </summary>
    private static JsonObject VolumeSnapshot(SnapshotJobPlan plan, SnapshotJobVolumeSnapshots volumeSnapshots)
    {
        var container = NodePod.Container(VolumeSnapshotContainer, plan.Args.AgentImage, SnapshotJobSizing.VolumeSnapshotStepResources);
        container["command"] = new JsonArray("sh", "-c", SnapshotJobScripts.VolumeSnapshot(plan, VolumeSnapshotCommand.Arguments(
            SnapshotJobScripts.ClaimWord, volumeSnapshots.SnapshotClass, SnapshotJobScripts.SnapshotNameWord, plan.Series,
            SnapshotJobScripts.HeightLabelWord, plan.Release.Version, volumeSnapshots.Keep, plan.Args.Namespace, SnapshotJobSizing.VolumeSnapshotTimeout)));
        container["env"] = new JsonArray(PodNameVariable());
        container["volumeMounts"] = new JsonArray(
            NodePod.Mount(ScratchVolume, plan.MountPath, readOnly: true),
            NodePod.Mount(WorkVolume, SnapshotJobPlan.WorkDir, readOnly: true),
            NodePod.Mount(TmpVolume, "/tmp"),
            NodePod.Mount(ApiTokenVolume, ServiceAccountDir, readOnly: true));
        return container;
    }

    private static JsonObject PodNameVariable() => new()
    {
        ["name"] = "POD_NAME",
        ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } },
    };

    /// <summary>
    /// The API credentials of the volume-snapshot step alone, laid out as the service account
    /// admission plugin lays out its automatic volume (kubernetes plugin/pkg/admission/serviceaccount/admission.go,
    /// TokenVolumeSource): a bound token, the cluster's CA bundle, the namespace. The API server's
    /// address comes from KUBERNETES_SERVICE_HOST/PORT, which the kubelet sets even with
    /// enableServiceLinks false (kubernetes pkg/kubelet/kubelet_pods.go getServiceEnvVarMap).
    /// </summary>
    private static JsonObject ApiToken() => new()
    {
        ["name"] = ApiTokenVolume,
        ["projected"] = new JsonObject
        {
            ["sources"] = new JsonArray(
                new JsonObject { ["serviceAccountToken"] = new JsonObject { ["path"] = "token", ["expirationSeconds"] = TokenSeconds } },
                new JsonObject
                {
                    ["configMap"] = new JsonObject
                    {
                        ["name"] = "kube-root-ca.crt",
                        ["items"] = new JsonArray(new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" }),
                    },
                },
                new JsonObject
                {
                    ["downwardAPI"] = new JsonObject
                    {
                        ["items"] = new JsonArray(new JsonObject
                        {
                            ["path"] = "namespace",
                            ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" },
                        }),
                    },
                }),
        },
    };

    private static JsonObject Target(SnapshotJobPlan plan)
    {
        var container = Agent(plan, TargetContainer, SnapshotJobSizing.TargetStepResources,
            SnapshotJobSteps.TargetHeight(plan.TargetFile, plan.TipRpc, plan.BlocksBehindTip, plan.StateDirectory,
                plan.Args.RestoreIndexes, plan.FallbackAhead, plan.Args.Store.S3Region));

        // A run started by hand overrides it (docs/snapshots.md, "Running a cut by hand"); empty means the tip minus N.
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
        // A generic ephemeral volume: created with the pod, deleted with it. Every run starts from
        // a verified snapshot, never from a serving node's volume. With volume snapshots the state
        // has a volume of its own, of the node sets' driver and size (a snapshot restores only
        // into a claim at least its size: kubernetes-csi/external-provisioner
        // pkg/controller/controller.go getSnapshotSource), and the archive another.
        var volumeSnapshots = plan.Args.VolumeSnapshots;
        var volumes = new JsonArray(
            new JsonObject { ["name"] = ConfigVolume, ["configMap"] = new JsonObject { ["name"] = plan.ConfigMapName } },
            Ephemeral(ScratchVolume, labels,
                volumeSnapshots is null ? plan.ScratchSize : plan.StateVolumeSize,
                volumeSnapshots is null ? plan.Args.StorageClass : volumeSnapshots.StateStorageClass),
            new JsonObject { ["name"] = WorkVolume, ["emptyDir"] = new JsonObject { ["medium"] = "Memory", ["sizeLimit"] = "1Mi" } },
            new JsonObject { ["name"] = TmpVolume, ["emptyDir"] = new JsonObject { ["sizeLimit"] = "1Gi" } });
        if (volumeSnapshots is not null)
        {
            volumes.Add(Ephemeral(ArchiveVolume, labels, plan.ScratchSize, plan.Args.StorageClass));
            volumes.Add(ApiToken());
        }

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

    private static JsonObject Ephemeral(string name, JsonObject labels, string size, string? storageClass)
    {
        var claim = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = size } },
        };
        if (storageClass is not null)
        {
            claim["storageClassName"] = storageClass;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["ephemeral"] = new JsonObject
            {
                ["volumeClaimTemplate"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = claim,
                },
            },
        };
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
