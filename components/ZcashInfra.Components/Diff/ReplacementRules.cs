using System.Collections.Immutable;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// The one table of properties whose change makes the provider replace a resource (delete it and
/// create it again) instead of updating it: Pulumi's <c>replaceOnChanges</c>, as the providers
/// decide it. A diff flags these loudly, because a replaced StatefulSet re-creates its pods and a
/// replaced bucket or node pool is a new cloud object.
/// </summary>
/// <remarks>
/// Kubernetes entries follow pulumi-kubernetes' own list (<c>provider/pkg/provider/diff.go</c>,
/// <c>forceNew</c>): besides the fields Kubernetes makes immutable, pulumi-kubernetes replaces
/// ConfigMaps and Secrets when their data changes (it treats them as immutable) and any
/// PersistentVolumeClaim whose spec changes. Cloud entries are the provider inputs that force a new
/// resource. A test checks every path against the Kubernetes schemas and the provider indexes.
/// Besides this table, a change of type (see <see cref="GraphDiff"/>) or of the explicit provider
/// (<see cref="DiffNode.ProviderOption"/>) also replaces.
/// </remarks>
public static class ReplacementRules
{
    /// <summary>Properties of every Kubernetes object whose change replaces it (its identity in the cluster).</summary>
    public static readonly ImmutableArray<string> KubernetesObject = ["metadata.name", "metadata.namespace"];

    /// <summary>Per type token: the properties whose change replaces the resource.</summary>
    public static readonly ImmutableSortedDictionary<string, ImmutableArray<string>> ByType =
        new SortedDictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
        {
            ["kubernetes:apps/v1:StatefulSet"] =
                ["spec.selector", "spec.volumeClaimTemplates", "spec.serviceName", "spec.podManagementPolicy", "spec.revisionHistoryLimit"],
            ["kubernetes:apps/v1:Deployment"] = ["spec.selector"],
            ["kubernetes:batch/v1:Job"] = ["spec.template", "spec.selector", "spec.completions", "spec.parallelism"],
            ["kubernetes:core/v1:Service"] = ["spec.clusterIP"],
            ["kubernetes:core/v1:PersistentVolumeClaim"] = ["spec"],
            ["kubernetes:core/v1:ConfigMap"] = ["data", "binaryData"],
            ["kubernetes:core/v1:Secret"] = ["type", "data", "stringData"],
            ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"] = ["roleRef"],
            ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"] = ["roleRef"],
            ["kubernetes:storage.k8s.io/v1:StorageClass"] = ["provisioner", "parameters"],
            ["gcp:container/nodePool:NodePool"] =
                ["name", "location", "cluster", "nodeConfig.machineType", "nodeConfig.diskSizeGb", "nodeConfig.diskType"],
            ["aws:eks/nodeGroup:NodeGroup"] = ["clusterName", "nodeRoleArn", "subnetIds", "instanceTypes", "capacityType", "diskSize"],
            ["gcp:storage/bucket:Bucket"] = ["name", "location"],
            ["aws:s3/bucket:Bucket"] = ["bucket"],
            ["aws:iam/role:Role"] = ["name"],
            ["gcp:serviceaccount/account:Account"] = ["accountId"],
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static readonly ImmutableDictionary<string, ImmutableArray<PropertyPath>> Parsed =
        ByType.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Select(PropertyPath.Parse).ToImmutableArray(), StringComparer.Ordinal);

    private static readonly ImmutableArray<PropertyPath> ParsedKubernetesObject = [.. KubernetesObject.Select(PropertyPath.Parse)];

    /// <summary>Every rule that applies to a type token (the per-type entries plus, for Kubernetes objects, their identity).</summary>
    public static IEnumerable<PropertyPath> For(string type)
    {
        var own = Parsed.GetValueOrDefault(type, []);
        return IsKubernetesObject(type) ? ParsedKubernetesObject.Concat(own) : own;
    }

    /// <summary>The rule a changed input matches, or null when the provider updates it in place.</summary>
    public static PropertyPath? Match(string type, PropertyPath changed) => For(type).FirstOrDefault(changed.StartsWith);

    private static bool IsKubernetesObject(string type) =>
        TypeTokens.PackageOf(type) == "kubernetes" && !TypeTokens.IsProvider(type) && !TypeTokens.IsRemoteComponent(type);
}
