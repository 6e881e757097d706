using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.NodePools;

/// <summary>EKS managed node groups on an existing cluster, with a node role holding only what a worker node needs.</summary>
internal static class EksNodeGroups
{
    /// <summary>
    /// The AWS managed policies a worker node needs: join the cluster and describe EC2
    /// (AmazonEKSWorkerNodePolicy), pull images from ECR, and let the VPC CNI assign pod addresses.
    /// Workloads never use the node role: they assume their own through IRSA.
    /// </summary>
    public static readonly IReadOnlyList<string> NodePolicies =
    [
        "AmazonEKSWorkerNodePolicy",
        "AmazonEC2ContainerRegistryPullOnly",
        "AmazonEKS_CNI_Policy",
    ];

    public static (string Identity, IReadOnlyDictionary<PoolRole, string> Paths) Declare(
        GraphScope component, string name, NodePoolsArgs args, string roleName, SortedDictionary<string, string> tags)
    {
        var account = NodePoolsComponent.Require(args.AwsAccountId, name, "the AWS account id");
        var provider = new NodeOptions { Provider = args.Provider };
        var arn = CloudIdentityNames.AwsRoleArn(account, roleName);
        var trust = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "ec2.amazonaws.com" },
                ["Action"] = "sts:AssumeRole",
            }),
        };
        var role = component.Resource("aws:iam/role:Role", $"{name}-node-role", new JsonObject
        {
            ["name"] = roleName,
            ["description"] = $"zcash-infra {component.Stack}: EKS worker nodes (join the cluster, pull images, pod networking)",
            ["assumeRolePolicy"] = trust.ToJsonString(),
            ["tags"] = NodePoolsComponent.Map(tags),
        }, provider);

        var attachments = NodePolicies.Select(policy => component.Resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", $"{name}-{policy}", new JsonObject
        {
            ["role"] = roleName,
            ["policyArn"] = $"arn:aws:iam::aws:policy/{policy}",
        }, provider with { DependsOn = [role] })).ToList();

        var paths = new Dictionary<PoolRole, string>();
        foreach (var pool in args.Pools)
        {
            var subnets = pool.SubnetIds.Count > 0 ? pool.SubnetIds : args.SubnetIds;
            if (subnets.Count == 0)
            {
                throw new GraphException($"{name}: pool {pool.Name} has no subnets (set them on the pool or for all pools)");
            }

            paths[pool.Role] = component.Resource("aws:eks/nodeGroup:NodeGroup", $"{name}-{pool.Name}", NodePoolsComponent.WithTaints(new JsonObject
            {
                ["clusterName"] = args.ClusterName,
                ["nodeGroupName"] = pool.Name,
                ["nodeRoleArn"] = arn,
                ["subnetIds"] = new JsonArray([.. subnets.Select(s => JsonValue.Create(s))]),
                ["instanceTypes"] = new JsonArray(pool.MachineType),
                ["amiType"] = MachineTypes.IsAwsArm(pool.MachineType) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
                ["capacityType"] = pool.Spot ? "SPOT" : "ON_DEMAND",
                ["diskSize"] = pool.DiskSizeGb,
                ["scalingConfig"] = new JsonObject
                {
                    ["minSize"] = pool.MinNodes,
                    ["maxSize"] = pool.MaxNodes,
                    ["desiredSize"] = pool.MinNodes,
                },
                ["updateConfig"] = new JsonObject { ["maxUnavailable"] = pool.MaxUnavailable ?? NodePoolArgs.DefaultEksMaxUnavailable },
                ["nodeRepairConfig"] = new JsonObject { ["enabled"] = true },
                ["labels"] = NodePoolsComponent.Map(PoolPlacement.Labels(pool.Role)),
                ["tags"] = NodePoolsComponent.Map(tags),
            }, pool.Role), provider with
            {
                // The role's policies must be attached before nodes join, and stay until they are gone.
                DependsOn = [role, .. attachments],

                // The cluster autoscaler owns the current size; Pulumi owns the bounds.
                IgnoreChanges = ["scalingConfig.desiredSize"],
            });
        }

        return (arn, paths);
    }
}
