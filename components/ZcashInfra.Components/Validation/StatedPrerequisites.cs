using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Validation;

/// <summary>The cluster prerequisites a stack states in <c>cluster.provides</c>, and how <c>validate</c> sees that a graph needs each.</summary>
public static class StatedPrerequisites
{
    /// <summary>EKS managed node groups do not resize themselves: Cluster Autoscaler or Karpenter must run.</summary>
    public static readonly ClusterPrerequisite ClusterAutoscaler = new("clusterAutoscaler",
        "EKS managed node groups change size only when something asks them to: install Cluster Autoscaler (with its own IRSA role allowed autoscaling:SetDesiredCapacity and autoscaling:TerminateInstanceInAutoScalingGroup on the cluster's groups, and the Describe* reads) or Karpenter; the managed groups' Auto Scaling groups already carry the k8s.io/cluster-autoscaler tags it discovers them by.",
        graph => graph.Resources
            .Where(n => n.Type == "aws:eks/nodeGroup:NodeGroup" && Int(n.Inputs["scalingConfig"]?["minSize"]) is { } min && Int(n.Inputs["scalingConfig"]?["maxSize"]) is { } max && min < max)
            .Select(n => (n.Path, $"node group {n.Inputs["nodeGroupName"]?.GetValue<string>() ?? n.Name} may grow from {Int(n.Inputs["scalingConfig"]!["minSize"])} to {Int(n.Inputs["scalingConfig"]!["maxSize"])} nodes, but nothing in the stack resizes it")));

    /// <summary>Objects of the Prometheus Operator's kinds need its CRDs (a kind without its CRD fails at up).</summary>
    public static readonly ClusterPrerequisite PrometheusOperator = new("prometheusOperator",
        "Install the Prometheus Operator (its CRDs and a Prometheus that selects these objects), e.g. kube-prometheus-stack.",
        graph => Objects(graph).Where(o => Text(o.Manifest["apiVersion"])?.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal) == true)
            .Select(o => (o.Node.Path, $"{Text(o.Manifest["kind"])} {Text(o.Manifest["metadata"]?["name"])} is a Prometheus Operator object")));

    /// <summary>KEDA's scaler reads a Prometheus server; KEDA itself when the stack does not install it.</summary>
    public static readonly ClusterPrerequisite Keda = new("keda",
        "Install KEDA (or let the stack install it: ciWorkers.keda.install: true).",
        graph => graph.Nodes.Any(n => n.Type == "kubernetes:yaml/v2:ConfigFile" && Text(n.Inputs["file"])?.Contains("/kedacore/keda/", StringComparison.Ordinal) == true)
            ? []
            : Objects(graph).Where(o => Text(o.Manifest["apiVersion"])?.StartsWith("keda.sh/", StringComparison.Ordinal) == true)
                .Select(o => (o.Node.Path, $"{Text(o.Manifest["kind"])} {Text(o.Manifest["metadata"]?["name"])} needs KEDA, which the stack does not install")));

    /// <summary>The Prometheus server KEDA's triggers query.</summary>
    public static readonly ClusterPrerequisite Prometheus = new("prometheus",
        "Run a Prometheus server at the scaler's serverAddress that scrapes the Buildbot master's metrics.",
        graph => Objects(graph).Where(o => Text(o.Manifest["kind"]) == "ScaledObject")
            .SelectMany(o => (o.Manifest["spec"]?["triggers"] as JsonArray ?? []).Where(t => Text(t?["type"]) == "prometheus")
                .Select(t => (o.Node.Path, $"the scaler queries Prometheus at {Text(t?["metadata"]?["serverAddress"])}"))));

    /// <summary>Claims without a class need a default StorageClass that binds on first consumer.</summary>
    public static readonly ClusterPrerequisite DefaultStorageClass = new("defaultStorageClass",
        "Mark a StorageClass as the cluster default, with volumeBindingMode WaitForFirstConsumer (GKE: standard-rwo; EKS: a gp3 class of the EBS CSI driver, aws-ebs-csi-driver, which EKS does not install by default) so each volume is created in its pod's zone.",
        graph => Claims(graph).Where(c => c.Class is null).Select(c => (c.Path, $"{c.What} names no storage class")));

    /// <summary>Claims that name a class need it (and its CSI driver).</summary>
    public static readonly ClusterPrerequisite NamedStorageClasses = new("namedStorageClasses",
        "Create every StorageClass the stack names, with its CSI driver installed (GKE: pd.csi.storage.gke.io, Filestore CSI for ReadWriteMany; EKS: ebs.csi.aws.com, efs.csi.aws.com for ReadWriteMany).",
        graph =>
        {
            // A class the stack declares itself is not a prerequisite (its CSI driver is; see ClusterPrerequisites).
            var declared = Objects(graph).Where(o => Text(o.Manifest["kind"]) == "StorageClass").Select(o => Text(o.Manifest["metadata"]?["name"])).ToHashSet(StringComparer.Ordinal);
            return Claims(graph).Where(c => c.Class is not null && !declared.Contains(c.Class)).Select(c => (c.Path, $"{c.What} names storage class {c.Class}"));
        });

    /// <summary>
    /// Volume snapshots need the snapshot.storage.k8s.io CRDs and the snapshot controller, which
    /// Kubernetes itself does not ship (kubernetes-csi/external-snapshotter README, "Usage"); the
    /// group ends in .k8s.io, so <see cref="ClusterPrerequisites"/> would take it for a built-in one.
    /// </summary>
    public static readonly ClusterPrerequisite VolumeSnapshots = new("volumeSnapshots",
        "Serve the snapshot.storage.k8s.io/v1 CRDs (VolumeSnapshot, VolumeSnapshotContent, VolumeSnapshotClass) and run the snapshot controller with a CSI driver that snapshots: GKE runs all of it with its Compute Engine persistent disk CSI driver (pd.csi.storage.gke.io); on EKS install the CSI snapshot controller add-on (snapshot-controller) beside the EBS CSI driver add-on (aws-ebs-csi-driver, whose controller runs the csi-snapshotter sidecar). See docs/volume-snapshots.md.",
        graph => Objects(graph).SelectMany(o => SnapshotNeeds(o.Node, o.Manifest)));

    /// <summary>Everything <c>validate</c> checks, in the order it reports them.</summary>
    public static IReadOnlyList<ClusterPrerequisite> All { get; } = [ClusterAutoscaler, PrometheusOperator, Keda, Prometheus, DefaultStorageClass, NamedStorageClasses, VolumeSnapshots];

    /// <summary>The ids a stack may state.</summary>
    public static IEnumerable<string> Ids => All.Select(p => p.Id);

    private static IEnumerable<(GraphNode Node, JsonObject Manifest)> Objects(ResourceGraph graph) => KubernetesManifests.In(graph);

    /// <summary>Standalone claims, StatefulSet claim templates and the claims PipelineRuns in TriggerTemplates create.</summary>
    private static IEnumerable<(string Path, string What, string? Class)> Claims(ResourceGraph graph)
    {
        foreach (var (node, manifest) in Objects(graph))
        {
            var kind = Text(manifest["kind"]);
            var name = Text(manifest["metadata"]?["name"]);
            if (kind == "PersistentVolumeClaim")
            {
                yield return (node.Path, $"PersistentVolumeClaim {name}", Text(manifest["spec"]?["storageClassName"]));
            }

            foreach (var template in manifest["spec"]?["volumeClaimTemplates"] as JsonArray ?? [])
            {
                yield return (node.Path, $"{kind} {name}'s claim template {Text(template?["metadata"]?["name"])}", Text(template?["spec"]?["storageClassName"]));
            }

            foreach (var run in manifest["spec"]?["resourcetemplates"] as JsonArray ?? [])
            {
                foreach (var workspace in run?["spec"]?["workspaces"] as JsonArray ?? [])
                {
                    if (workspace?["volumeClaimTemplate"] is JsonObject claim)
                    {
                        yield return (node.Path, $"the runs of {kind} {name} (workspace {Text(workspace["name"])})", Text(claim["spec"]?["storageClassName"]));
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Path, string Why)> SnapshotNeeds(GraphNode node, JsonObject manifest)
    {
        var kind = Text(manifest["kind"]);
        var name = Text(manifest["metadata"]?["name"]);
        if (Text(manifest["apiVersion"])?.StartsWith("snapshot.storage.k8s.io/", StringComparison.Ordinal) == true)
        {
            yield return (node.Path, $"{kind} {name} is a CSI snapshot object");
        }

        foreach (var template in manifest["spec"]?["volumeClaimTemplates"] as JsonArray ?? [])
        {
            if (Text(template?["spec"]?["dataSourceRef"]?["apiGroup"]) == "snapshot.storage.k8s.io")
            {
                yield return (node.Path, $"{kind} {name}'s claim template {Text(template?["metadata"]?["name"])} is provisioned from VolumeSnapshot {Text(template?["spec"]?["dataSourceRef"]?["name"])}");
            }
        }
    }

    private static string? Text(JsonNode? node) => Workloads.Text(node);

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
