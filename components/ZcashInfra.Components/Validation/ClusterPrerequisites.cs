using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Validation;

/// <summary>Something the cluster must already have for <c>pulumi up</c> to succeed.</summary>
/// <param name="Requirement">What must exist (a CRD's kind and group, a CSI driver).</param>
/// <param name="Hint">Where it usually comes from.</param>
/// <param name="NeededBy">Graph paths of the nodes that need it.</param>
public sealed record Prerequisite(string Requirement, string Hint, IReadOnlyList<string> NeededBy)
{
    /// <inheritdoc />
    public override string ToString() => $"{Requirement} — {Hint} (needed by {string.Join(", ", NeededBy)})";
}

/// <summary>
/// What a graph needs from its cluster that it does not install itself. An object of a custom kind
/// whose CRD is missing is skipped by <c>pulumi preview</c> and fails <c>pulumi up</c>
/// (pulumi-kubernetes <c>provider/pkg/provider/provider.go</c>), so <c>validate</c> lists every such
/// kind: one is installed by the stack when the object depends on a provider-side component (a
/// release manifest), otherwise it is a prerequisite. StorageClasses name CSI drivers the cluster
/// must run.
/// </summary>
public static class ClusterPrerequisites
{
    private static readonly IReadOnlyDictionary<string, string> CrdHints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["monitoring.coreos.com"] = "the Prometheus Operator's CRDs (e.g. kube-prometheus-stack); set monitoring.serviceMonitorLabels to what its Prometheus selects",
        ["keda.sh"] = "KEDA (or ciWorkers.keda.install: true)",
        ["tekton.dev"] = "Tekton Pipelines (or tekton.enabled: true)",
        ["triggers.tekton.dev"] = "Tekton Triggers (or tekton.enabled: true)",
    };

    private static readonly IReadOnlyDictionary<string, string> DriverHints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ebs.csi.aws.com"] = "the Amazon EBS CSI driver (EKS add-on aws-ebs-csi-driver, with an IAM role allowed to manage volumes)",
        ["pd.csi.storage.gke.io"] = "the Compute Engine persistent disk CSI driver (on by default in GKE)",
    };

    /// <summary>True for the API groups every Kubernetes cluster serves (core, apps, batch, policy, autoscaling, *.k8s.io).</summary>
    public static bool IsBuiltInGroup(string group) =>
        group is "" or "apps" or "batch" or "policy" or "autoscaling" || group.EndsWith(".k8s.io", StringComparison.Ordinal);

    /// <summary>The graph's prerequisites, in a stable order.</summary>
    public static IReadOnlyList<Prerequisite> Of(ResourceGraph graph)
    {
        var byPath = graph.Nodes.ToDictionary(n => n.Path, StringComparer.Ordinal);
        var needs = new SortedDictionary<string, (string Hint, List<string> By)>(StringComparer.Ordinal);
        foreach (var node in graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)))
        {
            var apiVersion = Workloads.Text(node.Inputs["apiVersion"]) ?? string.Empty;
            var kind = Workloads.Text(node.Inputs["kind"]) ?? string.Empty;
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? string.Empty : apiVersion[..slash];
            if (!IsBuiltInGroup(group) && !InstalledFor(node, byPath))
            {
                Add(needs, $"CRD {kind}.{group}", CrdHints.GetValueOrDefault(group, "its operator's CRDs"), node.Path);
            }

            if (kind == "StorageClass" && Workloads.Text(node.Inputs["provisioner"]) is { } driver)
            {
                Add(needs, $"CSI driver {driver}", DriverHints.GetValueOrDefault(driver, "the cluster's storage driver"), node.Path);
            }

            if (kind == "VolumeSnapshotClass" && Workloads.Text(node.Inputs["driver"]) is { } snapshotter)
            {
                Add(needs, $"CSI driver {snapshotter}", DriverHints.GetValueOrDefault(snapshotter, "the cluster's storage driver"), node.Path);
            }
        }

        return [.. needs.Select(kv => new Prerequisite(kv.Key, kv.Value.Hint, kv.Value.By))];
    }

    private static void Add(SortedDictionary<string, (string Hint, List<string> By)> needs, string requirement, string hint, string path)
    {
        if (!needs.TryGetValue(requirement, out var entry))
        {
            needs[requirement] = entry = (hint, []);
        }

        entry.By.Add(path);
    }

    /// <summary>Whether the node waits (through its dependsOn chain) for a provider-side component, which installs CRDs.</summary>
    private static bool InstalledFor(GraphNode start, IReadOnlyDictionary<string, GraphNode> byPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(start.Options.DependsOn);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(path) || !byPath.TryGetValue(path, out var node))
            {
                continue;
            }

            if (TypeTokens.IsRemoteComponent(node.Type))
            {
                return true;
            }

            foreach (var next in node.Options.DependsOn)
            {
                pending.Push(next);
            }
        }

        return false;
    }
}
