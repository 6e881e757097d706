using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.NodePools;

/// <summary>GKE node pools on an existing cluster, running as a service account that may only write logs and metrics.</summary>
internal static class GkeNodePools
{
    /// <summary>
    /// The project roles a node's own identity needs: write logs and metrics and read monitoring
    /// configuration. Workloads never use it (Workload Identity), so nothing else is granted.
    /// </summary>
    public static readonly IReadOnlyList<string> NodeRoles =
    [
        "roles/logging.logWriter",
        "roles/monitoring.metricWriter",
        "roles/monitoring.viewer",
        "roles/stackdriver.resourceMetadata.writer",
    ];

    /// <summary>With a dedicated service account, IAM alone decides access; scopes stay at cloud-platform as Google advises.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    public static (string Identity, IReadOnlyDictionary<PoolRole, string> Paths) Declare(
        GraphScope component, string name, NodePoolsArgs args, string accountId, SortedDictionary<string, string> labels)
    {
        var project = NodePoolsComponent.Require(args.GcpProject, name, "the GCP project");
        var location = NodePoolsComponent.Require(args.Location, name, "the cluster location");
        var provider = new NodeOptions { Provider = args.Provider };
        var email = CloudIdentityNames.GcpEmail(accountId, project);

        var account = component.Resource("gcp:serviceaccount/account:Account", $"{name}-service-account", new JsonObject
        {
            ["accountId"] = accountId,
            ["project"] = project,
            ["displayName"] = $"zcash-infra {component.Stack} node pools",
            ["description"] = "Identity of the GKE nodes themselves: writes logs and metrics only. Workloads use their own (Workload Identity).",
        }, provider);

        var grants = NodeRoles.Select(role => component.Resource("gcp:projects/iAMMember:IAMMember", $"{name}-{role.Split('/')[1].Replace('.', '-')}", new JsonObject
        {
            ["project"] = project,
            ["role"] = role,
            ["member"] = $"serviceAccount:{email}",
        }, provider with { DependsOn = [account] })).ToList();

        var paths = new Dictionary<PoolRole, string>();
        foreach (var pool in args.Pools)
        {
            var zones = pool.Zones.Count > 0 ? pool.Zones : args.Zones;
            var inputs = new JsonObject
            {
                ["name"] = pool.Name,
                ["cluster"] = args.ClusterName,
                ["location"] = location,
                ["project"] = project,

                // GKE creates this many nodes per zone before the autoscaler takes over.
                ["initialNodeCount"] = (pool.MinNodes + Math.Max(1, zones.Count) - 1) / Math.Max(1, zones.Count),
                ["autoscaling"] = new JsonObject
                {
                    // Totals across zones, as on EKS, so one setting means the same on both clouds.
                    ["totalMinNodeCount"] = pool.MinNodes,
                    ["totalMaxNodeCount"] = pool.MaxNodes,

                    // Spot capacity is found wherever it is; on-demand pools stay balanced over zones.
                    ["locationPolicy"] = pool.Spot ? "ANY" : "BALANCED",
                },
                ["management"] = new JsonObject { ["autoRepair"] = true, ["autoUpgrade"] = true },
                ["upgradeSettings"] = new JsonObject
                {
                    ["strategy"] = "SURGE",
                    ["maxSurge"] = pool.MaxSurge ?? NodePoolArgs.DefaultGkeMaxSurge,
                    ["maxUnavailable"] = pool.MaxUnavailable ?? NodePoolArgs.DefaultGkeMaxUnavailable,
                },
                ["nodeConfig"] = NodePoolsComponent.WithTaints(new JsonObject
                {
                    ["machineType"] = pool.MachineType,
                    ["diskSizeGb"] = pool.DiskSizeGb,
                    ["diskType"] = pool.DiskType ?? BootDisks.GkeDefault(pool.Role, pool.MachineType),
                    ["spot"] = pool.Spot,
                    ["labels"] = NodePoolsComponent.Map(PoolPlacement.Labels(pool.Role)),
                    ["resourceLabels"] = NodePoolsComponent.Map(labels),
                    ["serviceAccount"] = email,
                    ["oauthScopes"] = new JsonArray(CloudPlatformScope),

                    // Pods see the GKE metadata server, which hands out their own Workload Identity, never the node's.
                    ["workloadMetadataConfig"] = new JsonObject { ["mode"] = "GKE_METADATA" },
                    ["shieldedInstanceConfig"] = new JsonObject { ["enableSecureBoot"] = true, ["enableIntegrityMonitoring"] = true },
                }, pool.Role),
            };
            if (zones.Count > 0)
            {
                inputs["nodeLocations"] = new JsonArray([.. zones.Select(z => JsonValue.Create(z))]);
            }

            paths[pool.Role] = component.Resource("gcp:container/nodePool:NodePool", $"{name}-{pool.Name}", inputs, provider with
            {
                DependsOn = [account, .. grants],

                // Changing it would replace the pool; after creation the autoscaler owns the node count.
                IgnoreChanges = ["initialNodeCount"],
            });
        }

        return (email, paths);
    }
}
