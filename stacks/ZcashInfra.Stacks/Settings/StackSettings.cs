using System.Text.Json.Serialization;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// Everything a stack is configured with: the <c>zcash-infra:</c> keys of <c>Pulumi.&lt;stack&gt;.yaml</c>.
/// Each property is one top-level configuration key, read with Pulumi's <c>Config.GetObject</c>
/// under the engine and by <see cref="Loading.StackConfigFile"/> offline.
/// </summary>
public sealed record StackSettings
{
    /// <summary>Where the stack's cloud resources live: gcp, aws, or existing (a cluster only, no cloud resources). Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>
    /// The environment tier. Production protects state (see <c>protectState</c>), needs a named
    /// cluster context, refuses spot capacity for the nodes pool, and <c>validate</c> warns about
    /// images pinned by tag alone.
    /// </summary>
    public EnvironmentTier Environment { get; init; } = EnvironmentTier.Development;

    /// <summary>
    /// Protect and retain everything that holds state (buckets, volumes).
    /// Default: true in production, false in development.
    /// </summary>
    public bool? ProtectState { get; init; }

    /// <summary>
    /// The namespace of the node sets, the snapshot job and their service accounts.
    /// Default: <c>zcash</c>. Stacks that share a cluster (ephemeral environments) each take their
    /// own, so neither their objects nor their teardown
    /// touch another stack's.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>The Google Cloud project. Required when cloud is gcp.</summary>
    public GcpSettings? Gcp { get; init; }

    /// <summary>The AWS account. Required when cloud is aws.</summary>
    public AwsSettings? Aws { get; init; }

    /// <summary>The existing Kubernetes cluster this stack deploys into.</summary>
    public ClusterSettings Cluster { get; init; } = new();

    /// <summary>Labels (GCP) or tags (AWS) put on every cloud resource.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The bucket that holds chain-state snapshots.</summary>
    public SnapshotStorageSettings Snapshots { get; init; } = new();

    /// <summary>Node pools (GKE) or managed node groups (EKS) added to the cluster.</summary>
    public IReadOnlyList<NodePoolSettings> NodePools { get; init; } = [];

    /// <summary>Snapshot-seeded Zcash node StatefulSets.</summary>
    public IReadOnlyList<NodeSetSettings> NodeSets { get; init; } = [];

    /// <summary>Tekton Pipelines, Triggers and Dashboard, and the CI pipelines.</summary>
    public TektonSettings Tekton { get; init; } = new();

    /// <summary>Buildbot CI workers autoscaled on the build queue, and the CI namespace's quota.</summary>
    public CiWorkerSettings CiWorkers { get; init; } = new();

    /// <summary>When new snapshots are cut, and of what.</summary>
    public SnapshotScheduleSettings SnapshotSchedule { get; init; } = new();

    /// <summary>How ServiceMonitors meet the cluster's Prometheus.</summary>
    public MonitoringSettings Monitoring { get; init; } = new();

    /// <summary>The snapshot agent image that node restores (init containers) and the snapshot job run.</summary>
    public SnapshotAgentSettings SnapshotAgent { get; init; } = new();

    /// <summary>Whether stateful resources are protected and retained (see <see cref="ProtectState"/>).</summary>
    [JsonIgnore]
    public bool ShouldProtectState => ProtectState ?? Environment == EnvironmentTier.Production;

    /// <summary>The Zcash namespace's name (see <see cref="Namespace"/>).</summary>
    [JsonIgnore]
    public string ZcashNamespace => Namespace ?? Components.Kubernetes.Namespaces.Zcash;

    /// <summary>Checks every rule that spans more than one field, reporting each problem with its key path.</summary>
    public void Validate(SettingsErrors errors)
    {
        var root = new SettingsPath(string.Empty);

        // Rules given the stack or a list of it read other parts: see SettingsErrors.CrossCheck.
        errors.CrossCheck(readsWholeStack: true, () => ValidateCloud(root, errors));
        if (Namespace is not null)
        {
            errors.Require(KubernetesNames.IsDnsLabel(Namespace), root["namespace"], KubernetesNames.DnsLabelRule(Namespace));
            errors.Require(!StackNamespace.Reserved.Contains(Namespace), root["namespace"],
                $"'{Namespace}' belongs to the cluster or to another part of this project; choose another name");
        }

        Gcp?.Validate(root["gcp"], errors);
        Aws?.Validate(root["aws"], errors);
        errors.CrossCheck(readsWholeStack: true, () => Cluster.Validate(root["cluster"], this, errors));
        LabelRules.Validate(Labels, root["labels"], errors);
        errors.CrossCheck(readsWholeStack: true, () => Snapshots.Validate(root["snapshots"], this, errors));
        ValidateList(NodePools, root["nodePools"], errors, p => p.Name, (p, path) => errors.CrossCheck(readsWholeStack: true, () => p.Validate(path, this, errors)));
        errors.CrossCheck(readsWholeStack: false, () => NodePoolSettings.ValidateRoles(NodePools, root["nodePools"], errors));
        ValidateList(NodeSets, root["nodeSets"], errors, s => s.Name, (s, path) => errors.CrossCheck(readsWholeStack: false, () => s.Validate(path, NodeSets, errors)));
        Tekton.Validate(root["tekton"], errors);
        errors.CrossCheck(readsWholeStack: true, () => CiWorkers.Validate(root["ciWorkers"], this, errors));
        errors.CrossCheck(readsWholeStack: true, () => SnapshotSchedule.Validate(root["snapshotSchedule"], this, errors));
        errors.CrossCheck(readsWholeStack: true, () => VolumeSnapshotRules.Validate(this, root, errors));
        SnapshotAgent.Validate(root["snapshotAgent"], errors);
        Monitoring.Validate(root["monitoring"], errors);
    }

    /// <summary>The cloud-specific sections match the cloud.</summary>
    private void ValidateCloud(SettingsPath root, SettingsErrors errors)
    {
        switch (Cloud)
        {
            case Cloud.Gcp:
                errors.Require(Gcp is not null, root["gcp"], "is required when cloud is gcp");
                errors.Require(Aws is null, root["aws"], "must not be set when cloud is gcp");
                break;
            case Cloud.Aws:
                errors.Require(Aws is not null, root["aws"], "is required when cloud is aws");
                errors.Require(Gcp is null, root["gcp"], "must not be set when cloud is aws");
                break;
            case Cloud.Existing:
                errors.Require(Gcp is null && Aws is null, root[Gcp is null ? "aws" : "gcp"],
                    "must not be set when cloud is existing (no cloud resources are declared)");
                errors.Require(NodePools.Count == 0, root["nodePools"], "node pools need a cloud (gcp or aws); an existing cluster brings its own");
                break;
        }
    }

    private static void ValidateList<T>(IReadOnlyList<T> items, SettingsPath path, SettingsErrors errors, Func<T, string> name, Action<T, SettingsPath> validate)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            validate(items[i], path[i]);
            var n = name(items[i]);
            if (!string.IsNullOrEmpty(n) && !seen.TryAdd(n, i))
            {
                errors.Add(path[i]["name"], $"'{n}' is already used by {path[seen[n]]}");
            }
        }
    }
}
