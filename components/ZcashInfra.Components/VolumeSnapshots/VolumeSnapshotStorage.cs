using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.VolumeSnapshots;

/// <summary>Arguments of <see cref="VolumeSnapshotStorage"/>.</summary>
public sealed record VolumeSnapshotStorageArgs
{
    /// <summary>The cloud, whose block-storage CSI driver takes and restores the snapshots. Required.</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>The namespace of the snapshot jobs, their claims and the VolumeSnapshots. Required.</summary>
    public required string Namespace { get; init; }

    /// <summary>The service account the snapshot jobs' pods run as (the one granted the snapshot verbs). Required.</summary>
    public required string ServiceAccount { get; init; }

    /// <summary>Graph path of the Kubernetes provider. Required.</summary>
    public required string Provider { get; init; }

    /// <summary>Graph paths every object depends on (the namespace, the service account). Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];
}

/// <summary>What the snapshot jobs and node sets name.</summary>
/// <param name="ComponentPath">Graph path of the component (jobs depend on it: their grants and classes exist first).</param>
/// <param name="SnapshotClass">The VolumeSnapshotClass the jobs' snapshots are taken with.</param>
/// <param name="JobStateStorageClass">The StorageClass of the jobs' state volumes (the node sets' driver; released volumes deleted).</param>
/// <param name="Driver">The CSI driver of both, and of the node sets' own StorageClass.</param>
public sealed record VolumeSnapshotStorageOutputs(string ComponentPath, string SnapshotClass, string JobStateStorageClass, string Driver);

/// <summary>
/// What volume snapshots of node state need in a cluster, declared once per stack: the
/// VolumeSnapshotClass of the cloud's block-storage driver, a StorageClass of that driver for the
/// snapshot jobs' state volumes, and the snapshot jobs' grants — a Role for VolumeSnapshots in the
/// namespace and a ClusterRole for VolumeSnapshotContents (cluster-scoped), each exactly the
/// <see cref="VolumeSnapshotCommand.ApiUses"/>.
/// </summary>
public static class VolumeSnapshotStorage
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:VolumeSnapshotStorage";

    /// <summary>The snapshot API version the objects and the agent use (external-snapshotter v8.6.0 serves v1).</summary>
    public const string ApiVersion = "snapshot.storage.k8s.io/v1";

    /// <summary>The VolumeSnapshotClass's name in a stack (cluster-scoped, so the stack is in it).</summary>
    public static string ClassName(string stack) => $"zcash-node-state-{stack}";

    /// <summary>The jobs' state StorageClass's name in a stack.</summary>
    public static string JobStateClassName(string stack) => $"zcash-snapshot-job-state-{stack}";

    /// <summary>The grants' name: the Role in the namespace; the ClusterRole with the namespace in it (cluster-scoped).</summary>
    public static string GrantName(string @namespace, bool cluster) => cluster ? $"zcash-volume-snapshots-{@namespace}" : "zcash-volume-snapshots";

    /// <summary>Declares the class, the state StorageClass and the grants.</summary>
    public static VolumeSnapshotStorageOutputs Declare(GraphScope scope, string name, VolumeSnapshotStorageArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var component = scope.Component(Type, name);
        var options = new NodeOptions { DependsOn = args.DependsOn };
        var driver = NodeStateStorage.Provisioner(args.Cloud);
        var className = ClassName(scope.Stack);
        var stateClass = JobStateClassName(scope.Stack);

        KubernetesObjects.Declare(component, $"{name}-class", new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "VolumeSnapshotClass",
            ["metadata"] = KubernetesObjects.Metadata(className, null, "zcash-node-state", name),
            ["driver"] = driver,

            // Delete: the job's snapshots are its own; pruning one (deleting the VolumeSnapshot)
            // must delete the VolumeSnapshotContent and the cloud snapshot, or every cut would leave
            // a full copy of the chain state billed forever (external-snapshotter v8.6.0
            // client/apis/volumesnapshot/v1/types.go, DeletionPolicy). The alias stays safe: its
            // content is pre-provisioned with Retain, so re-pointing it never deletes a snapshot,
            // and the newest snapshot it points to is never pruned.
            ["deletionPolicy"] = "Delete",
        }, args.Provider, options with { DeleteBeforeReplace = true });

        KubernetesObjects.Declare(component, $"{name}-job-state-storage", new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = KubernetesObjects.Metadata(stateClass, null, "zcash-node-state", name),

            // The node sets' driver and disk type: the snapshot restores into their class (the
            // provisioner refuses a snapshot of another driver: kubernetes-csi/external-provisioner
            // pkg/controller/controller.go getSnapshotSource). Released volumes are deleted: the
            // state lives on in the snapshot, and a retained 400 GiB disk per run would pile up.
            ["provisioner"] = driver,
            ["parameters"] = NodeStateStorage.Parameters(args.Cloud),
            ["reclaimPolicy"] = "Delete",
            ["volumeBindingMode"] = "WaitForFirstConsumer",
        }, args.Provider, options with { DeleteBeforeReplace = true });

        var namespaced = VolumeSnapshotCommand.ApiUses.Where(u => !u.ClusterScoped).ToList();
        var clusterScoped = VolumeSnapshotCommand.ApiUses.Where(u => u.ClusterScoped).ToList();
        var subject = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = args.ServiceAccount, ["namespace"] = args.Namespace });
        var role = KubernetesObjects.Declare(component, $"{name}-role", new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "Role",
            ["metadata"] = KubernetesObjects.Metadata(GrantName(args.Namespace, cluster: false), args.Namespace, "zcash-snapshot-job", name),
            ["rules"] = KubernetesApiUse.Rules(namespaced),
        }, args.Provider, options);
        KubernetesObjects.Declare(component, $"{name}-role-binding", new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "RoleBinding",
            ["metadata"] = KubernetesObjects.Metadata(GrantName(args.Namespace, cluster: false), args.Namespace, "zcash-snapshot-job", name),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = GrantName(args.Namespace, cluster: false) },
            ["subjects"] = subject,
        }, args.Provider, options with { DependsOn = [.. args.DependsOn, role] });
        var clusterRole = KubernetesObjects.Declare(component, $"{name}-cluster-role", new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = KubernetesObjects.Metadata(GrantName(args.Namespace, cluster: true), null, "zcash-snapshot-job", name),
            ["rules"] = KubernetesApiUse.Rules(clusterScoped),
        }, args.Provider, options);
        KubernetesObjects.Declare(component, $"{name}-cluster-role-binding", new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRoleBinding",
            ["metadata"] = KubernetesObjects.Metadata(GrantName(args.Namespace, cluster: true), null, "zcash-snapshot-job", name),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = GrantName(args.Namespace, cluster: true) },
            ["subjects"] = subject.DeepClone(),
        }, args.Provider, options with { DependsOn = [.. args.DependsOn, clusterRole] });

        component.Output("volumeSnapshotClass", className);
        component.Output("jobStateStorageClass", stateClass);
        return new VolumeSnapshotStorageOutputs(component.Path!, className, stateClass, driver);
    }
}
