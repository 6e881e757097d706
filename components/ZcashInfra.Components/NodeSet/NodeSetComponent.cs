using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.NodeSet;

/// <summary>
/// Zcash full nodes as a StatefulSet that starts from a verified snapshot: the rendered node
/// config (and zcashd's per-pod peers file, read at pod start and kept out of the config digest so
/// scaling rolls no pod), the pods (restore init container, restricted security, probes), a headless Service for
/// stable per-pod DNS names, an RPC Service when RPC is on, a PodDisruptionBudget when replicated,
/// a NetworkPolicy, and a ServiceMonitor when monitored.
/// </summary>
public static class NodeSetComponent
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:NodeSet";

    /// <summary>The node pods' init container that restores a snapshot (operators' tools read its status and log).</summary>
    public const string RestoreContainer = NodePod.RestoreContainer;

    /// <summary>Time beyond the pods' grace period a delete may take (volume detach, controller latency).</summary>
    private static readonly TimeSpan DeleteMargin = TimeSpan.FromMinutes(5);

    private static readonly IReadOnlyDictionary<string, string> NodeExtras =
        new Dictionary<string, string> { [RecommendedLabels.Component] = NodeLabels.NodeComponent };

    /// <summary>Declares a node set named <paramref name="name"/> (also its StatefulSet's and headless Service's name).</summary>
    /// <summary>
    /// A node set's pods as peers: <c>host:port</c> per stable pod DNS name, on the set's own P2P
    /// port. What other zcashd sets of the group list (<see cref="NodeSetArgs.GroupPeers"/>); none
    /// for a set outside the group (a compat zcashd).
    /// </summary>
    public static IReadOnlyList<string> PodPeers(string name, NodeSetArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var plan = new NodeSetPlan(name, args);
        return plan.JoinsPeerGroup ? [.. plan.PodHosts.Select(h => $"{h}:{plan.P2pPort.ToString(CultureInfo.InvariantCulture)}")] : [];
    }

    public static NodeSetOutputs Declare(GraphScope scope, string name, NodeSetArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Check(name, args);
        var plan = new NodeSetPlan(name, args);
        var component = scope.Component(Type, name);
        var options = new NodeOptions { DependsOn = args.DependsOn };
        var ns = args.Namespace;
        var implementation = NodeLabels.Value(plan.Implementation);

        var configFile = plan.IsZebra ? NodeImages.ZebraConfigFile : NodeImages.ZcashdConfigFile;
        var configText = plan.IsZebra ? ZebradConfig.Render(plan) : ZcashdConfig.Render(plan);
        var config = KubernetesObjects.Declare(component, $"{name}-config", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = KubernetesObjects.Metadata(plan.ConfigMapName, ns, implementation, name, NodeExtras),
            ["data"] = new JsonObject { [configFile] = configText },
        }, args.Provider, options);
        var podDependencies = new List<string>(args.DependsOn) { config };
        if (plan.HasPeersFile)
        {
            var metadata = KubernetesObjects.Metadata(plan.PeersConfigMapName, ns, implementation, name, NodeExtras);
            metadata["annotations"] = new JsonObject { [NodePod.ReadAtPodStartAnnotation] = "true" };
            podDependencies.Add(KubernetesObjects.Declare(component, $"{name}-peers", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = metadata,
                ["data"] = new JsonObject { [ZcashdConfig.PeersFile] = ZcashdConfig.RenderPeers(plan) },
            }, args.Provider, options));
        }

        if (plan.HasRpcPassword)
        {
            podDependencies.Add(KubernetesObjects.Declare(component, $"{name}-rpc-secret", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = KubernetesObjects.Metadata(plan.RpcSecretName, ns, implementation, name, NodeExtras),
                ["type"] = "Opaque",
                ["stringData"] = new JsonObject { [NodePod.RpcPasswordKey] = InputTree.Leaf(args.RpcPassword!) },
            }, args.Provider, options));
        }

        var headless = KubernetesObjects.Declare(component, $"{name}-service", Service(plan, name, NodeLabels.NodeComponent, headless: true), args.Provider, options);
        podDependencies.Add(headless);
        if (args.Rpc)
        {
            KubernetesObjects.Declare(component, $"{name}-rpc-service", Service(plan, plan.RpcServiceName, "rpc", headless: false), args.Provider, options);
        }

        // `up` waits until the StatefulSet controller has taken the spec, not until the pods are
        // Ready: a node is Ready only after its restore and catch-up, hours later (AwaitBehaviour).
        var statefulSet = KubernetesObjects.Declare(component, $"{name}-statefulset", AwaitBehaviour.UntilControllerObserved(StatefulSet(plan, Digest(configText))), args.Provider,

            // The name is fixed, so a replacement (an immutable field changed) must delete first;
            // the volumes survive it (retention policy) and are adopted again by name. The delete
            // is awaited (pods stop within their grace period), so the new object never races it.
            new NodeOptions
            {
                DependsOn = [.. podDependencies],
                DeleteBeforeReplace = true,
                CustomTimeouts = AwaitBehaviour.DeleteWithin(NodeSizing.TerminationGraceSeconds(plan.Implementation), DeleteMargin),
            });

        if (args.Replicas > 1)
        {
            KubernetesObjects.Declare(component, $"{name}-pdb", new JsonObject
            {
                ["apiVersion"] = "policy/v1",
                ["kind"] = "PodDisruptionBudget",
                ["metadata"] = KubernetesObjects.Metadata(name, ns, implementation, name, NodeExtras),
                ["spec"] = new JsonObject
                {
                    // Drains and upgrades take one node down at a time; the others keep serving.
                    ["maxUnavailable"] = 1,

                    // IfHealthyBudget: a NotReady pod may still be evicted, but only while the
                    // budget holds (currentHealthy >= desiredHealthy), so a drain moves one pod
                    // catching up beside serving ones, yet cannot take every replica when they
                    // go NotReady together (a stale tip hits all of them at once). AlwaysAllow
                    // evicts NotReady pods regardless of the budget. (kubernetes
                    // staging/src/k8s.io/api/policy/v1/types.go UnhealthyPodEvictionPolicyType;
                    // pkg/registry/core/pod/storage/eviction.go.)
                    ["unhealthyPodEvictionPolicy"] = "IfHealthyBudget",
                    ["selector"] = new JsonObject { ["matchLabels"] = NodeLabels.Selector(name, plan.Implementation) },
                },
            }, args.Provider, options);
        }

        KubernetesObjects.Declare(component, $"{name}-network-policy", NetworkPolicy(plan), args.Provider, options);

        if (plan.Metrics)
        {
            KubernetesObjects.Declare(component, $"{name}-service-monitor", new JsonObject
            {
                ["apiVersion"] = "monitoring.coreos.com/v1",
                ["kind"] = "ServiceMonitor",
                ["metadata"] = KubernetesObjects.Metadata(name, ns, implementation, name, MonitorLabels(args)),
                ["spec"] = new JsonObject
                {
                    ["selector"] = new JsonObject { ["matchLabels"] = ServiceSelector(name, NodeLabels.NodeComponent) },
                    ["namespaceSelector"] = new JsonObject { ["matchNames"] = new JsonArray(ns) },
                    ["endpoints"] = new JsonArray(new JsonObject { ["port"] = "metrics", ["path"] = "/metrics", ["interval"] = "30s" }),
                },
            }, args.Provider, options with { DependsOn = [.. args.DependsOn, headless] });
        }

        var outputs = new NodeSetOutputs(component.Path!, statefulSet, name, plan.ServiceHost, plan.PodHosts, plan.P2pPort, plan.RpcEndpoint);
        component.Output("statefulSetName", name);
        component.Output("serviceHost", plan.ServiceHost);
        component.Output("p2pPort", plan.P2pPort);
        component.Output("rpcEndpoint", plan.RpcEndpoint);
        return outputs;
    }

    /// <summary>
    /// What the stack settings validate with key paths is checked here too, so a program using the
    /// component directly cannot render a set that cannot work.
    /// </summary>
    private static void Check(string name, NodeSetArgs args)
    {
        var problems = NodeSetRules.Problems(args.Release, args.Replicas, args.Rpc, args.RpcPassword is not null, args.Monitoring,
            args.Snapshot is { } snapshot ? (snapshot.Index is not null, snapshot.Url is not null) : null).Select(p => p.ToString()).ToList();
        if (args.Partition < 0 || args.Partition > args.Replicas)
        {
            problems.Add($"partition must be between 0 and replicas ({args.Replicas}), got {args.Partition}");
        }

        if (args.ServiceMonitorLabels.Keys.FirstOrDefault(k => k.StartsWith(RecommendedLabels.Prefix + "/", StringComparison.Ordinal)) is { } reserved)
        {
            problems.Add($"ServiceMonitorLabels must not set {reserved} (the project's own labels)");
        }

        if (args.VolumeSnapshotSource is not null && args.Snapshot is null)
        {
            problems.Add("a VolumeSnapshotSource needs a Snapshot too: the restore from the bucket is the road when a volume starts empty");
        }

        if (problems.Count > 0)
        {
            throw new GraphException($"node set '{name}': {string.Join("; ", problems)}");
        }
    }

    private static JsonObject StatefulSet(NodeSetPlan plan, string configDigest)
    {
        var args = plan.Args;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [RecommendedLabels.Name] = NodeLabels.Value(plan.Implementation),
            [RecommendedLabels.Instance] = plan.Name,
            [RecommendedLabels.Component] = NodeLabels.NodeComponent,
            [RecommendedLabels.Version] = args.Release.Version,
            [RecommendedLabels.ManagedBy] = KubernetesObjects.ManagedBy,
            [NodeLabels.NetworkKey] = NodeLabels.Value(plan.Network),
            [NodeLabels.ImplementationKey] = NodeLabels.Value(plan.Implementation),
        };
        if (plan.JoinsPeerGroup)
        {
            labels[NodeLabels.PeerGroupKey] = args.PeerGroup;
        }

        var claim = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = plan.StorageSize } },
        };
        if (args.StorageClass is { } storageClass)
        {
            claim["storageClassName"] = storageClass;
        }

        if (args.VolumeSnapshotSource is { } source)
        {
            // dataSourceRef (KEP-1495, AnyVolumeDataSource): the API server copies it into
            // dataSource for a VolumeSnapshot and requires the two to match when both are given
            // (kubernetes pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimSpec),
            // so only dataSourceRef is set; apiGroup is required for a non-core kind. A missing
            // snapshot leaves the claim Pending until it exists (kubernetes-csi/external-provisioner
            // pkg/controller/controller.go getSnapshotSource fails and the claim is retried).
            claim["dataSourceRef"] = new JsonObject
            {
                ["apiGroup"] = "snapshot.storage.k8s.io",
                ["kind"] = "VolumeSnapshot",
                ["name"] = source,
            };
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = KubernetesObjects.Metadata(plan.Name, args.Namespace, NodeLabels.Value(plan.Implementation), plan.Name, NodeExtras),
            ["spec"] = new JsonObject
            {
                ["serviceName"] = plan.Name,
                ["replicas"] = args.Replicas,
                ["podManagementPolicy"] = args.PodManagement.ToString(),
                ["updateStrategy"] = new JsonObject
                {
                    ["type"] = "RollingUpdate",

                    // Pods with an ordinal ≥ partition take a new revision; the rest keep theirs.
                    ["rollingUpdate"] = new JsonObject { ["partition"] = args.Partition },
                },
                ["persistentVolumeClaimRetentionPolicy"] = new JsonObject
                {
                    ["whenDeleted"] = args.ProtectState ? "Retain" : "Delete",

                    // Scaling down and up again reuses the synced state.
                    ["whenScaled"] = "Retain",
                },
                ["selector"] = new JsonObject { ["matchLabels"] = NodeLabels.Selector(plan.Name, plan.Implementation) },
                ["template"] = NodePod.Template(plan, labels, configDigest),
                ["volumeClaimTemplates"] = new JsonArray(new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = NodeSetPlan.VolumeName },
                    ["spec"] = claim,
                }),
            },
        };
    }

    private static JsonObject Service(NodeSetPlan plan, string serviceName, string role, bool headless)
    {
        var ports = new JsonArray();
        if (headless && plan.JoinsPeerGroup)
        {
            ports.Add(ServicePort("p2p", plan.P2pPort));
        }

        if (plan.Args.Rpc)
        {
            ports.Add(ServicePort("rpc", plan.RpcPort));
        }

        if (headless && plan.Metrics)
        {
            ports.Add(ServicePort("metrics", ZcashPorts.ZebraMetrics));
        }

        var spec = new JsonObject();
        if (headless)
        {
            // Stable per-pod DNS names, resolvable while a pod is still catching up.
            spec["clusterIP"] = "None";
            spec["publishNotReadyAddresses"] = true;
        }

        spec["selector"] = NodeLabels.Selector(plan.Name, plan.Implementation);
        if (ports.Count > 0)
        {
            spec["ports"] = ports;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = KubernetesObjects.Metadata(serviceName, plan.Args.Namespace, NodeLabels.Value(plan.Implementation), plan.Name,
                new Dictionary<string, string> { [RecommendedLabels.Component] = role }),
            ["spec"] = spec,
        };
    }

    /// <summary>The ServiceMonitor's extra labels: the caller's (what the cluster's Prometheus selects on), then the component label.</summary>
    private static SortedDictionary<string, string> MonitorLabels(NodeSetArgs args)
    {
        var labels = new SortedDictionary<string, string>(args.ServiceMonitorLabels.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in NodeExtras)
        {
            labels[key] = value;
        }

        return labels;
    }

    private static JsonObject ServiceSelector(string name, string role) => new()
    {
        [RecommendedLabels.Instance] = name,
        [RecommendedLabels.Component] = role,
    };

    private static JsonObject NetworkPolicy(NodeSetPlan plan)
    {
        var rules = new JsonArray();
        if (plan.JoinsPeerGroup)
        {
            // Peer-to-peer from anywhere: other nodes of the cluster and the public network.
            rules.Add(new JsonObject { ["ports"] = new JsonArray(PolicyPort(plan.P2pPort)) });
        }

        if (plan.Metrics)
        {
            rules.Add(new JsonObject
            {
                ["from"] = new JsonArray(new JsonObject
                {
                    ["namespaceSelector"] = new JsonObject
                    {
                        ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = Namespaces.Monitoring },
                    },
                }),
                ["ports"] = new JsonArray(PolicyPort(ZcashPorts.ZebraMetrics)),
            });
        }

        if (plan.Args.Rpc)
        {
            rules.Add(new JsonObject
            {
                ["from"] = new JsonArray(new JsonObject
                {
                    // Pods of any namespace, as long as they carry this set's client label.
                    ["namespaceSelector"] = new JsonObject(),
                    ["podSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { [NodeLabels.RpcClient(plan.Name)] = "true" } },
                }),
                ["ports"] = new JsonArray(PolicyPort(plan.RpcPort)),
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "NetworkPolicy",
            ["metadata"] = KubernetesObjects.Metadata(plan.Name, plan.Args.Namespace, NodeLabels.Value(plan.Implementation), plan.Name, NodeExtras),
            ["spec"] = new JsonObject
            {
                ["podSelector"] = new JsonObject { ["matchLabels"] = NodeLabels.Selector(plan.Name, plan.Implementation) },
                ["policyTypes"] = new JsonArray("Ingress"),
                ["ingress"] = rules,
            },
        };
    }

    private static JsonObject ServicePort(string name, int port) => new()
    {
        ["name"] = name,
        ["port"] = port,
        ["targetPort"] = name,
        ["protocol"] = "TCP",
    };

    private static JsonObject PolicyPort(int port) => new() { ["protocol"] = "TCP", ["port"] = port };

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
