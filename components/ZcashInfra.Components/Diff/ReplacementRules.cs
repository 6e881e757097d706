using System.Collections.Immutable;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// The one table of properties whose change is predicted to make the provider replace a resource
/// (delete it and create it again) instead of updating it. A diff flags these loudly, because a
/// replaced StatefulSet re-creates its pods and a replaced bucket or node pool is a new cloud
/// object. It is a prediction read from the providers' sources at the pins below; the provider
/// decides at <c>pulumi preview</c>.
/// </summary>
/// <remarks>
/// Kubernetes entries follow pulumi-kubernetes' own list (<c>provider/pkg/provider/diff.go</c>,
/// <c>forceNew</c>): besides the fields Kubernetes makes immutable, pulumi-kubernetes replaces
/// ConfigMaps and Secrets when their data changes (it treats them as immutable) and any
/// PersistentVolumeClaim whose spec changes. Cloud entries are the inputs this project sets that the
/// bridged Terraform providers mark <c>ForceNew</c> (pulumi-terraform-bridge turns those into
/// replacements), each checked against the source named beside it for the pinned Pulumi provider
/// (<see cref="Providers.ProviderPins"/>): pulumi-gcp 9.x bridges terraform-provider-google(-beta)
/// 7.x, pulumi-aws 7.x bridges terraform-provider-aws 6.x. A test checks every path against the
/// Kubernetes schemas and the provider indexes.
/// Besides this table, a change of type (see <see cref="GraphDiff"/>) or of the explicit provider
/// (<see cref="DiffNode.ProviderOption"/>) also replaces.
/// </remarks>
public static class ReplacementRules
{
    /// <summary>
    /// The Pulumi provider versions the cloud entries were read against. A bump of a pin in
    /// <see cref="Providers.ProviderPins"/> fails a test until the entries of that provider are
    /// read again against the new version and this is updated.
    /// </summary>
    public static readonly ImmutableSortedDictionary<string, string> CheckedAgainst =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["aws"] = "7.48.0", ["gcp"] = "9.35.0" }.ToImmutableSortedDictionary(StringComparer.Ordinal);

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

            // Checked for pulumi-gcp (CheckedAgainst) against hashicorp/terraform-provider-google v7.45.0
            // google/services/container/resource_container_node_pool.go and node_config.go. Machine
            // type, disk size and disk type are updated in place since provider 5.10
            // (GoogleCloudPlatform/magic-modules pull 9575: ForceNew removed); spot, the service
            // account, OAuth scopes and shielded-instance settings still replace the pool.
            // initialNodeCount also forces new, but the pools ignore its changes.
            ["gcp:container/nodePool:NodePool"] =
                ["name", "location", "cluster", "project", "nodeConfig.spot", "nodeConfig.serviceAccount", "nodeConfig.oauthScopes", "nodeConfig.shieldedInstanceConfig"],

            // Checked for pulumi-aws (CheckedAgainst) against hashicorp/terraform-provider-aws internal/service/eks/node_group.go.
            ["aws:eks/nodeGroup:NodeGroup"] = ["clusterName", "nodeGroupName", "nodeRoleArn", "subnetIds", "instanceTypes", "amiType", "capacityType", "diskSize"],

            // Checked for pulumi-gcp (CheckedAgainst) against hashicorp/terraform-provider-google v7.45.0 google/services/storage/resource_storage_bucket.go.
            ["gcp:storage/bucket:Bucket"] = ["name", "location", "project"],

            // terraform-provider-aws internal/service/s3/bucket.go: the bucket name forces a new bucket
            // (not re-read against the pin this round).
            ["aws:s3/bucket:Bucket"] = ["bucket"],

            // Checked for pulumi-aws (CheckedAgainst) against hashicorp/terraform-provider-aws internal/service/iam/role.go.
            ["aws:iam/role:Role"] = ["name"],

            // Checked for pulumi-gcp (CheckedAgainst) against hashicorp/terraform-provider-google v7.45.0
            // google/services/resourcemanager/resource_google_service_account.go.
            ["gcp:serviceaccount/account:Account"] = ["accountId", "project"],
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
