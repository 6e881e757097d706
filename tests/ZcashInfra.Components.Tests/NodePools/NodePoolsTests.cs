using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.NodePools;

public class NodePoolsTests
{
    private const string GkePool = "gcp:container/nodePool:NodePool";
    private const string EksNodeGroup = "aws:eks/nodeGroup:NodeGroup";

    private static readonly NodePoolArgs[] Pools =
    [
        new() { Name = "system", Role = PoolRole.System, MachineType = "e2-standard-4", MinNodes = 1, MaxNodes = 2 },
        new() { Name = "nodes", Role = PoolRole.Nodes, MachineType = "n2-highmem-4", MinNodes = 3, MaxNodes = 6, DiskSizeGb = 200 },
        new() { Name = "ci", Role = PoolRole.Ci, MachineType = "n2-standard-8", MinNodes = 0, MaxNodes = 8, Spot = true, MaxSurge = 2 },
    ];

    private static readonly NodePoolArgs[] AwsPools =
    [
        new() { Name = "system", Role = PoolRole.System, MachineType = "m6i.large", MinNodes = 2, MaxNodes = 3 },
        new() { Name = "nodes", Role = PoolRole.Nodes, MachineType = "r6i.2xlarge", MinNodes = 3, MaxNodes = 6, DiskSizeGb = 200 },
        new() { Name = "ci", Role = PoolRole.Ci, MachineType = "c7g.4xlarge", MinNodes = 0, MaxNodes = 10, Spot = true, SubnetIds = ["subnet-0c3d4e5f607182930"] },
    ];

    internal static (ResourceGraph Graph, NodePoolsOutputs Outputs) Declare(Cloud cloud, IReadOnlyList<NodePoolArgs>? pools = null, IReadOnlyList<string>? zones = null)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource($"pulumi:providers:{cloud.ToString().ToLowerInvariant()}", "cloud", []);
        var outputs = NodePoolsComponent.Declare(builder.Root, "pools", new NodePoolsArgs
        {
            Cloud = cloud,
            Provider = provider,
            ClusterName = "zcash-test",
            Pools = pools ?? (cloud == Cloud.Gcp ? Pools : AwsPools),
            GcpProject = "zcash-infra-test",
            Location = "us-central1",
            Zones = zones ?? ["us-central1-a", "us-central1-b"],
            AwsAccountId = "123456789012",
            SubnetIds = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
            Labels = new Dictionary<string, string> { ["team"] = "infra" },
        });
        return (builder.Build(), outputs);
    }

    private static GraphNode Pool(ResourceGraph graph, string name) => graph.Resources.Single(n => n.Type is GkePool or EksNodeGroup && n.Name == $"pools-{name}");

    private static JsonNode KubernetesSide(GraphNode pool) => pool.Type == GkePool ? pool.Inputs["nodeConfig"]! : pool.Inputs;

    /// <summary>Whether a pod with these tolerations may schedule onto a node with these taints (every taint tolerated).</summary>
    private static bool Tolerates(JsonArray tolerations, JsonArray taints) =>
        taints.All(taint => tolerations.Any(t =>
            t!["key"]!.GetValue<string>() == taint!["key"]!.GetValue<string>()
            && t["value"]!.GetValue<string>() == taint["value"]!.GetValue<string>()
            && t["effect"]!.GetValue<string>() == TaintEffects.ToKubernetes(taint["effect"]!.GetValue<string>())));

    private static bool Selects(JsonObject nodeSelector, JsonNode? labels) =>
        nodeSelector.All(kv => labels?[kv.Key]?.GetValue<string>() == kv.Value!.GetValue<string>());

    [Theory]
    [InlineData(Cloud.Gcp)]
    [InlineData(Cloud.Aws)]
    public void Each_pool_takes_exactly_the_pods_that_select_and_tolerate_its_role(Cloud cloud)
    {
        var (graph, _) = Declare(cloud);
        foreach (var poolRole in Enum.GetValues<PoolRole>())
        {
            var side = KubernetesSide(Pool(graph, PoolPlacement.RoleValue(poolRole)));
            var taints = side["taints"]?.AsArray() ?? [];

            // The labels and taints the pool carries are the ones PoolPlacement defines, in the cloud's spelling.
            Assert.Equal(PoolPlacement.Labels(poolRole), side["labels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()));
            Assert.Equal(
                PoolPlacement.Taints(poolRole).Select(t => (t.Key, t.Value, t.Effect)),
                taints.Select(t => (t!["key"]!.GetValue<string>(), t["value"]!.GetValue<string>(), TaintEffects.ToKubernetes(t["effect"]!.GetValue<string>())!)));

            foreach (var podRole in Enum.GetValues<PoolRole>())
            {
                // A workload placed for podRole (node sets: nodes, CI workers: ci) lands here only if this is its pool.
                var lands = Selects(PoolPlacement.NodeSelector(podRole), side["labels"]) && Tolerates(PoolPlacement.Tolerations(podRole), taints);
                Assert.Equal(podRole == poolRole, lands);
            }

            // A pod that selects nothing and tolerates nothing only lands on untainted (system) pools.
            Assert.Equal(poolRole == PoolRole.System, Tolerates([], taints));
        }
    }

    [Fact]
    public void Gke_pools_autoscale_by_totals_run_as_the_node_account_and_hide_the_node_identity_from_pods()
    {
        var (graph, outputs) = Declare(Cloud.Gcp);
        Assert.Equal("zcash-test-nodes@zcash-infra-test.iam.gserviceaccount.com", outputs.Identity);

        var ci = Pool(graph, "ci").Inputs;
        Assert.Equal("ci", ci["name"]!.GetValue<string>());
        Assert.Equal("zcash-test", ci["cluster"]!.GetValue<string>());
        Assert.Equal("us-central1", ci["location"]!.GetValue<string>());
        Assert.Equal(0, ci["autoscaling"]!["totalMinNodeCount"]!.GetValue<int>());
        Assert.Equal(8, ci["autoscaling"]!["totalMaxNodeCount"]!.GetValue<int>());
        Assert.Equal("ANY", ci["autoscaling"]!["locationPolicy"]!.GetValue<string>());
        Assert.Equal(2, ci["upgradeSettings"]!["maxSurge"]!.GetValue<int>());
        Assert.Equal(0, ci["upgradeSettings"]!["maxUnavailable"]!.GetValue<int>());
        Assert.True(ci["nodeConfig"]!["spot"]!.GetValue<bool>());
        Assert.True(ci["management"]!["autoRepair"]!.GetValue<bool>());
        Assert.True(ci["management"]!["autoUpgrade"]!.GetValue<bool>());
        Assert.Equal("GKE_METADATA", ci["nodeConfig"]!["workloadMetadataConfig"]!["mode"]!.GetValue<string>());
        Assert.Equal(outputs.Identity, ci["nodeConfig"]!["serviceAccount"]!.GetValue<string>());
        Assert.Equal(["us-central1-a", "us-central1-b"], ci["nodeLocations"]!.AsArray().Select(z => z!.GetValue<string>()));
        Assert.Equal("infra", ci["nodeConfig"]!["resourceLabels"]!["team"]!.GetValue<string>());

        var nodes = Pool(graph, "nodes");
        Assert.Equal("BALANCED", nodes.Inputs["autoscaling"]!["locationPolicy"]!.GetValue<string>());
        Assert.Equal(2, nodes.Inputs["initialNodeCount"]!.GetValue<int>()); // 3 nodes over 2 zones, rounded up per zone
        Assert.Equal(["initialNodeCount"], nodes.Options.IgnoreChanges.ToArray());
        Assert.Equal("test/cloud", nodes.Options.Provider);
    }

    [Fact]
    public void Gke_boot_disks_are_ssd_for_nodes_balanced_otherwise_and_hyperdisk_where_the_family_needs_it()
    {
        var pools = new NodePoolArgs[]
        {
            new() { Name = "system", Role = PoolRole.System, MachineType = "e2-standard-4" },
            new() { Name = "nodes", Role = PoolRole.Nodes, MachineType = "n2-highmem-4" },
            new() { Name = "ci", Role = PoolRole.Ci, MachineType = "n4-standard-8", MinNodes = 0 },
        };
        var (graph, _) = Declare(Cloud.Gcp, pools, zones: []);
        Assert.Equal("pd-balanced", Pool(graph, "system").Inputs["nodeConfig"]!["diskType"]!.GetValue<string>());
        Assert.Equal("pd-ssd", Pool(graph, "nodes").Inputs["nodeConfig"]!["diskType"]!.GetValue<string>());
        Assert.Equal("hyperdisk-balanced", Pool(graph, "ci").Inputs["nodeConfig"]!["diskType"]!.GetValue<string>());

        // Without zones the cluster's node locations apply.
        Assert.Null(Pool(graph, "system").Inputs["nodeLocations"]);
    }

    [Fact]
    public void Gke_node_account_gets_only_the_logging_and_monitoring_roles_nothing_on_storage()
    {
        var (graph, outputs) = Declare(Cloud.Gcp);
        var grants = graph.Resources.Where(n => n.Type.Contains("IAM", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.All(grants, g => Assert.Equal("gcp:projects/iAMMember:IAMMember", g.Type));
        Assert.All(grants, g => Assert.Equal($"serviceAccount:{outputs.Identity}", g.Inputs["member"]!.GetValue<string>()));
        Assert.Equal(
            ["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer"],
            grants.Select(g => g.Inputs["role"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var account = graph.Resources.Single(n => n.Type == "gcp:serviceaccount/account:Account");
        Assert.Equal("zcash-test-nodes", account.Inputs["accountId"]!.GetValue<string>());

        // Every pool waits for its identity and its grants.
        Assert.All(graph.Resources.Where(n => n.Type == GkePool), p => Assert.Equal([account.Path, .. grants.Select(g => g.Path)], p.Options.DependsOn.ToArray()));
    }

    [Fact]
    public void Eks_node_role_is_assumable_by_ec2_only_and_holds_exactly_the_worker_policies()
    {
        var (graph, outputs) = Declare(Cloud.Aws);
        Assert.Equal("arn:aws:iam::123456789012:role/zcash-infra-test-nodes", outputs.Identity);

        var role = graph.Resources.Single(n => n.Type == "aws:iam/role:Role");
        Assert.Equal("zcash-infra-test-nodes", role.Inputs["name"]!.GetValue<string>());
        var trust = Assert.Single(JsonNode.Parse(role.Inputs["assumeRolePolicy"]!.GetValue<string>())!["Statement"]!.AsArray())!;
        Assert.Equal("ec2.amazonaws.com", trust["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal("sts:AssumeRole", trust["Action"]!.GetValue<string>());
        Assert.Null(role.Inputs["managedPolicyArns"]);
        Assert.Null(role.Inputs["inlinePolicies"]);

        var attachments = graph.Resources.Where(n => n.Type == "aws:iam/rolePolicyAttachment:RolePolicyAttachment").ToList();
        Assert.Equal(
            ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"],
            attachments.Select(a => a.Inputs["policyArn"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(attachments, a => Assert.Equal("zcash-infra-test-nodes", a.Inputs["role"]!.GetValue<string>()));
        Assert.DoesNotContain(graph.Resources, n => n.Type == "aws:iam/rolePolicy:RolePolicy");

        foreach (var group in graph.Resources.Where(n => n.Type == EksNodeGroup))
        {
            Assert.Equal(outputs.Identity, group.Inputs["nodeRoleArn"]!.GetValue<string>());
            Assert.Equal([role.Path, .. attachments.Select(a => a.Path)], group.Options.DependsOn.ToArray());
            Assert.Equal(["scalingConfig.desiredSize"], group.Options.IgnoreChanges.ToArray());
        }
    }

    [Fact]
    public void Eks_node_groups_map_capacity_architecture_scaling_and_subnets()
    {
        var (graph, _) = Declare(Cloud.Aws);
        var ci = Pool(graph, "ci").Inputs;
        Assert.Equal("SPOT", ci["capacityType"]!.GetValue<string>());
        Assert.Equal("AL2023_ARM_64_STANDARD", ci["amiType"]!.GetValue<string>());
        Assert.Equal(["c7g.4xlarge"], ci["instanceTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["subnet-0c3d4e5f607182930"], ci["subnetIds"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(0, ci["scalingConfig"]!["minSize"]!.GetValue<int>());
        Assert.Equal(10, ci["scalingConfig"]!["maxSize"]!.GetValue<int>());
        Assert.Equal(0, ci["scalingConfig"]!["desiredSize"]!.GetValue<int>());
        Assert.Equal("zcash-test", ci["clusterName"]!.GetValue<string>());
        Assert.Equal("ci", ci["nodeGroupName"]!.GetValue<string>());

        var nodes = Pool(graph, "nodes").Inputs;
        Assert.Equal("ON_DEMAND", nodes["capacityType"]!.GetValue<string>());
        Assert.Equal("AL2023_x86_64_STANDARD", nodes["amiType"]!.GetValue<string>());
        Assert.Equal(200, nodes["diskSize"]!.GetValue<int>());
        Assert.Equal(1, nodes["updateConfig"]!["maxUnavailable"]!.GetValue<int>());
        Assert.Equal(2, nodes["subnetIds"]!.AsArray().Count);
        Assert.Null(Pool(graph, "system").Inputs["taints"]);
    }

    [Fact]
    public void Two_pools_for_one_role_or_a_node_group_without_subnets_is_a_clear_error()
    {
        var twice = Assert.Throws<GraphException>(() => Declare(Cloud.Gcp, [Pools[2], Pools[2] with { Name = "ci-2" }]));
        Assert.Equal("pools: pools ci, ci-2 share the role ci; one pool per role", twice.Message);

        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:aws", "cloud", []);
        var noSubnets = Assert.Throws<GraphException>(() => NodePoolsComponent.Declare(builder.Root, "pools", new NodePoolsArgs
        {
            Cloud = Cloud.Aws,
            Provider = provider,
            ClusterName = "c",
            AwsAccountId = "123456789012",
            Pools = [AwsPools[0]],
        }));
        Assert.Equal("pools: pool system has no subnets (set them on the pool or for all pools)", noSubnets.Message);
    }

    [Theory]
    [InlineData(Cloud.Gcp)]
    [InlineData(Cloud.Aws)]
    public void Every_rendered_pool_resource_matches_the_provider_index_and_passes_the_policies(Cloud cloud)
    {
        var (graph, _) = Declare(cloud);
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));
    }

    [Theory]
    [InlineData(Cloud.Gcp, "gke.json")]
    [InlineData(Cloud.Aws, "eks.json")]
    public void Render_matches_the_golden_file(Cloud cloud, string golden)
    {
        Golden.Check($"tests/ZcashInfra.Components.Tests/NodePools/golden/{golden}", GraphJson.Render(Declare(cloud).Graph));
    }
}
