using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// The pod template of a node set: restricted security, placement on the nodes pool, spread across
/// hosts and zones, the restore step, and the node container with its probes.
/// </summary>
internal static class NodePod
{
    /// <summary>The pod annotation holding the config's digest, so a config change rolls the pods (respecting the partition).</summary>
    public const string ConfigDigestAnnotation = "zcash-infra/config-sha256";

    /// <summary>
    /// Marks a ConfigMap that pods read only when they start and whose content is not in the
    /// config digest: changing it restarts nothing (the diff says so; see <c>Diff/PodEffects.cs</c>).
    /// </summary>
    public const string ReadAtPodStartAnnotation = "zcash-infra/read-at-pod-start";

    /// <summary>Container names (also what logs and policies show).</summary>
    public const string RestoreContainer = "restore";

    public const string ConfigContainer = "config";

    private const string ConfigVolume = "config";
    private const string TmpVolume = "tmp";
    private const string RpcSecretVolume = "rpc-secret";
    private const string PeersVolume = "peers";
    private const string PeersDir = "/etc/zcash-peers";
    private const string RunVolume = "run";
    private const string RpcSecretDir = "/etc/zcash-rpc";
    private const string RunDir = "/run/zcash";
    private const string PasswordKey = "password";
    private const int StartupPeriodSeconds = 10;

    /// <summary>
    /// Secret files are owned by root with the pod's fsGroup as group; the node user reads them
    /// through that group (0440), nobody else can.
    /// </summary>
    private const int SecretFileMode = 0b100_100_000;

    public static string RpcPasswordKey => PasswordKey;

    public static JsonObject Template(NodeSetPlan plan, IReadOnlyDictionary<string, string> labels, string configDigest)
    {
        var initContainers = new JsonArray();
        if (plan.HasConfigStep)
        {
            initContainers.Add(ConfigStep(plan));
        }

        if (plan.Args.Snapshot is { } snapshot)
        {
            initContainers.Add(Restore(plan, snapshot));
        }

        var spec = new JsonObject
        {
            ["serviceAccountName"] = plan.Args.ServiceAccount,

            // Nodes never call the API server.
            ["automountServiceAccountToken"] = false,

            // zebrad reads every ZEBRA_* variable as config and rejects unknown keys: Service links
            // named zebra… would stop it (zebra zebrad/src/config.rs).
            ["enableServiceLinks"] = false,
            ["terminationGracePeriodSeconds"] = NodeSizing.TerminationGraceSeconds(plan.Implementation),
            // The volume is chowned once, not walked (300 GB) on every start.
            ["securityContext"] = PodSecurity.Pod(plan.Uid, fsGroup: plan.Uid, fsGroupChangePolicy: "OnRootMismatch"),
            ["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Nodes),
            ["tolerations"] = PoolPlacement.Tolerations(PoolRole.Nodes),
            ["affinity"] = AntiAffinity(plan),
        };
        if (initContainers.Count > 0)
        {
            spec["initContainers"] = initContainers;
        }

        spec["containers"] = new JsonArray(plan.IsZebra ? Zebrad(plan) : Zcashd(plan));
        spec["volumes"] = Volumes(plan);

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["annotations"] = new JsonObject { [ConfigDigestAnnotation] = configDigest },
            },
            ["spec"] = spec,
        };
    }

    private static JsonObject AntiAffinity(NodeSetPlan plan)
    {
        JsonObject Term(string topologyKey) => new()
        {
            ["labelSelector"] = new JsonObject { ["matchLabels"] = NodeLabels.Selector(plan.Name, plan.Implementation) },
            ["topologyKey"] = topologyKey,
        };

        // Never two replicas on one host (one host failing takes one node); across zones when
        // the cluster has room (a zone failing should not take all).
        return new JsonObject
        {
            ["podAntiAffinity"] = new JsonObject
            {
                ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(Term("kubernetes.io/hostname")),
                ["preferredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(new JsonObject
                {
                    ["weight"] = 100,
                    ["podAffinityTerm"] = Term("topology.kubernetes.io/zone"),
                }),
            },
        };
    }

    private static JsonObject Zebrad(NodeSetPlan plan)
    {
        var ports = new JsonArray(Port("p2p", plan.P2pPort), Port("health", ZcashPorts.ZebraHealth));
        if (plan.Args.Rpc)
        {
            ports.Add(Port("rpc", plan.RpcPort));
        }

        if (plan.Metrics)
        {
            ports.Add(Port("metrics", ZcashPorts.ZebraMetrics));
        }

        var container = Container(NodeLabels.Value(plan.Implementation), plan.Image, plan.Resources);

        // The image's entrypoint chowns the cache dir on every start (slow on 300 GB, fails as
        // non-root); the volume's group ownership comes from fsGroup instead.
        container["command"] = new JsonArray("zebrad", "-c", $"{NodeImages.ZebraConfigDir}/{NodeImages.ZebraConfigFile}");
        container["ports"] = ports;
        container["volumeMounts"] = new JsonArray(
            Mount(ConfigVolume, NodeImages.ZebraConfigDir, readOnly: true),
            Mount(NodeSetPlan.VolumeName, NodeImages.ZebraCacheDir),
            Mount(TmpVolume, "/tmp"));
        var window = Threshold(NodeSizing.StartupWindow(plan.Network), StartupPeriodSeconds);
        container["startupProbe"] = HttpProbe("/healthy", StartupPeriodSeconds, window);

        // /ready is near-tip (always 200 on test networks); /healthy is live peers. Catching up
        // only keeps a pod out of Services; it never restarts it.
        container["readinessProbe"] = HttpProbe("/ready", 15, 3);
        container["livenessProbe"] = HttpProbe("/healthy", 30, 10);
        return container;
    }

    private static JsonObject Zcashd(NodeSetPlan plan)
    {
        var ports = new JsonArray();
        if (plan.JoinsPeerGroup)
        {
            ports.Add(Port("p2p", plan.P2pPort));
        }

        if (plan.Args.Rpc)
        {
            ports.Add(Port("rpc", plan.RpcPort));
        }

        var container = Container(NodeLabels.Value(plan.Implementation), plan.Image, plan.Resources);

        // Run zcashd itself, not the image's entrypoint (which maps ZCASHD_* variables to flags).
        container["command"] = new JsonArray("zcashd", "-conf=" + ZcashdConfigPath(plan), "-datadir=" + NodeImages.ZcashdDataDir);
        if (ports.Count > 0)
        {
            container["ports"] = ports;
        }

        var mounts = new JsonArray(
            Mount(ConfigVolume, NodeImages.ZcashdConfigDir, readOnly: true),
            Mount(NodeSetPlan.VolumeName, NodeImages.ZcashdDataDir),
            Mount(TmpVolume, "/tmp"));
        if (plan.HasConfigStep)
        {
            mounts.Add(Mount(RunVolume, RunDir, readOnly: true));
        }

        container["volumeMounts"] = mounts;

        // zcash-cli reads the same config (network, port, credentials or the cookie in the data dir).
        string[] cli = ["zcash-cli", "-conf=" + ZcashdConfigPath(plan), "-datadir=" + NodeImages.ZcashdDataDir];
        var answering = new JsonArray([.. cli.Append("getblockcount").Select(a => JsonValue.Create(a))]);
        container["startupProbe"] = ExecProbe(answering, StartupPeriodSeconds, Threshold(NodeSizing.StartupWindow(plan.Network), StartupPeriodSeconds));

        // Ready once out of initial block download; a regtest chain is "ready" as soon as it answers.
        container["readinessProbe"] = plan.Network == Network.Regtest
            ? ExecProbe(answering.DeepClone().AsArray(), 15, 3)
            : ExecProbe(new JsonArray("sh", "-c", string.Join(' ', cli) + " getblockchaininfo | grep -q '\"initialblockdownload\": false'"), 15, 3);
        container["livenessProbe"] = ExecProbe(answering.DeepClone().AsArray(), 30, 10);
        return container;
    }

    private static string ZcashdConfigPath(NodeSetPlan plan) =>
        plan.HasConfigStep ? $"{RunDir}/{NodeImages.ZcashdConfigFile}" : $"{NodeImages.ZcashdConfigDir}/{NodeImages.ZcashdConfigFile}";

    /// <summary>
    /// Assembles zcashd's config at pod start into a memory-backed volume only the node user can
    /// read: the rendered config, then the peers ConfigMap's <c>addnode</c> lines (current when
    /// the pod starts, not part of the digest that rolls the pods; <see cref="NodeSetPlan.HasPeersFile"/>),
    /// then the password from the mounted Secret. zcashd reads its password only from its config
    /// or its command line, so this way the password is in no ConfigMap, env var or process argument.
    /// </summary>
    private static JsonObject ConfigStep(NodeSetPlan plan)
    {
        var container = Container(ConfigContainer, plan.Image, NodeSizing.ConfigStepResources);
        var parts = new List<string> { $"cat {NodeImages.ZcashdConfigDir}/{NodeImages.ZcashdConfigFile}" };
        var mounts = new JsonArray(Mount(ConfigVolume, NodeImages.ZcashdConfigDir, readOnly: true));
        if (plan.HasPeersFile)
        {
            parts.Add($"cat {PeersDir}/{ZcashdConfig.PeersFile}");
            mounts.Add(Mount(PeersVolume, PeersDir, readOnly: true));
        }

        if (plan.HasRpcPassword)
        {
            parts.Add($"printf 'rpcpassword=%s\\n' \"$(cat {RpcSecretDir}/{PasswordKey})\"");
            mounts.Add(Mount(RpcSecretVolume, RpcSecretDir, readOnly: true));
        }

        mounts.Add(Mount(RunVolume, RunDir));
        container["command"] = new JsonArray("sh", "-c", $"umask 077 && {{ {string.Join(" && ", parts)}; }} > {RunDir}/{NodeImages.ZcashdConfigFile}");
        container["volumeMounts"] = mounts;
        return container;
    }

    private static JsonObject Restore(NodeSetPlan plan, NodeSetSnapshot snapshot)
    {
        var container = Container(RestoreContainer, plan.Args.AgentImage, NodeSizing.RestoreResources);
        container["args"] = new JsonArray([.. RestoreCommand.Arguments(snapshot, plan.Network, plan.Implementation, plan.DbMajor, plan.Zcashd)
            .Select(a => JsonValue.Create(a))]);
        container["volumeMounts"] = new JsonArray(
            Mount(NodeSetPlan.VolumeName, NodeImages.VolumeMountPath(plan.Implementation)),
            Mount(TmpVolume, "/tmp"));
        return container;
    }

    private static JsonArray Volumes(NodeSetPlan plan)
    {
        var volumes = new JsonArray(
            new JsonObject { ["name"] = ConfigVolume, ["configMap"] = new JsonObject { ["name"] = plan.ConfigMapName } },
            new JsonObject { ["name"] = TmpVolume, ["emptyDir"] = new JsonObject() });
        if (plan.HasPeersFile)
        {
            volumes.Add(new JsonObject { ["name"] = PeersVolume, ["configMap"] = new JsonObject { ["name"] = plan.PeersConfigMapName } });
        }

        if (plan.HasRpcPassword)
        {
            volumes.Add(new JsonObject
            {
                ["name"] = RpcSecretVolume,
                ["secret"] = new JsonObject { ["secretName"] = plan.RpcSecretName, ["defaultMode"] = SecretFileMode },
            });
        }

        if (plan.HasConfigStep)
        {
            volumes.Add(new JsonObject
            {
                ["name"] = RunVolume,
                ["emptyDir"] = new JsonObject { ["medium"] = "Memory", ["sizeLimit"] = "1Mi" },
            });
        }

        return volumes;
    }

    private static int Threshold(TimeSpan window, int periodSeconds) => (int)Math.Ceiling(window.TotalSeconds / periodSeconds);

    /// <summary>A container with the restricted security profile and its resources (the snapshot job's containers too).</summary>
    internal static JsonObject Container(string name, string image, NodeResources resources)
    {
        var requests = new JsonObject { ["cpu"] = resources.Cpu, ["memory"] = resources.Memory };
        var limits = new JsonObject { ["memory"] = resources.MemoryLimit ?? resources.Memory };
        if (resources.CpuLimit is { } cpuLimit)
        {
            limits["cpu"] = cpuLimit;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["image"] = image,
            ["imagePullPolicy"] = "IfNotPresent",
            ["resources"] = new JsonObject { ["requests"] = requests, ["limits"] = limits },
            ["securityContext"] = PodSecurity.ContainerInRestrictedPod(readOnlyRootFilesystem: true),
        };
    }

    private static JsonObject Port(string name, int port) => new()
    {
        ["name"] = name,
        ["containerPort"] = port,
        ["protocol"] = "TCP",
    };

    /// <summary>A volume mount.</summary>
    internal static JsonObject Mount(string volume, string path, bool readOnly = false)
    {
        var mount = new JsonObject { ["name"] = volume, ["mountPath"] = path };
        if (readOnly)
        {
            mount["readOnly"] = true;
        }

        return mount;
    }

    private static JsonObject HttpProbe(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = "health" },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 5,
        ["failureThreshold"] = failureThreshold,
    };

    private static JsonObject ExecProbe(JsonArray command, int periodSeconds, int failureThreshold) => new()
    {
        ["exec"] = new JsonObject { ["command"] = command },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 10,
        ["failureThreshold"] = failureThreshold,
    };
}
