using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.Tests.Policies;

public class PoolForEveryPlacementPolicyTests
{
    /// <summary>Real pools of the given roles, and one StatefulSet placed on <paramref name="placedOn"/>.</summary>
    private static List<string> Findings(Cloud? cloud, PoolRole placedOn, params PoolRole[] pools)
    {
        var builder = new GraphBuilder("t");
        var kubernetes = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        if (cloud is { } c)
        {
            var provider = builder.Root.Resource($"pulumi:providers:{c.ToString().ToLowerInvariant()}", "cloud", []);
            if (pools.Length > 0)
            {
                NodePoolsComponent.Declare(builder.Root, "pools", new NodePoolsArgs
                {
                    Cloud = c,
                    Provider = provider,
                    ClusterName = "c",
                    GcpProject = "p-test",
                    Location = "us-central1",
                    AwsAccountId = "123456789012",
                    SubnetIds = ["subnet-0a1b2c3d"],
                    Pools = [.. pools.Select(r => new NodePoolArgs
                    {
                        Name = PoolPlacement.RoleValue(r),
                        Role = r,
                        MachineType = c == Cloud.Gcp ? "n2-standard-8" : "m6i.large",
                        MinNodes = r == PoolRole.Ci ? 0 : 1,
                    })],
                });
            }
        }

        KubernetesObjects.Declare(builder.Root, "nodes-statefulset", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "zebra", ["namespace"] = Namespaces.Zcash },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "zebra" } },
                    ["spec"] = new JsonObject
                    {
                        ["nodeSelector"] = PoolPlacement.NodeSelector(placedOn),
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "zebrad", ["image"] = "zfnd/zebra:6.3.0" }),
                    },
                },
            },
        }, kubernetes);
        return [.. new PoolForEveryPlacementPolicy().Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).Select(f => f.ToString())];
    }

    [Theory]
    [InlineData(Cloud.Gcp)]
    [InlineData(Cloud.Aws)]
    public void A_pod_placed_on_a_role_no_declared_pool_carries_is_caught(Cloud cloud)
    {
        var found = Assert.Single(Findings(cloud, PoolRole.Nodes, PoolRole.System, PoolRole.Ci));
        Assert.Contains("[pool-for-every-placement] t/nodes-statefulset", found, StringComparison.Ordinal);
        Assert.Contains("zcash-infra/pool-role=nodes", found, StringComparison.Ordinal);
        Assert.Contains("role: nodes", found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Cloud.Gcp)]
    [InlineData(Cloud.Aws)]
    public void A_declared_pool_of_that_role_satisfies_it(Cloud cloud) =>
        Assert.Empty(Findings(cloud, PoolRole.Nodes, PoolRole.Nodes));

    [Fact]
    public void A_cloud_stack_with_no_pools_at_all_is_caught() =>
        Assert.Single(Findings(Cloud.Gcp, PoolRole.Ci));

    [Fact]
    public void An_existing_cluster_labels_its_own_nodes_and_is_not_checked() =>
        Assert.Empty(Findings(null, PoolRole.Nodes));
}
