using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Tests.Policies;

public class WorkloadsAfterPoolsPolicyTests
{
    private static List<string> Findings(Func<GraphScope, string, string[]> dependsOn)
    {
        var builder = new GraphBuilder("t");
        var pool = builder.Root.Resource("gcp:container/nodePool:NodePool", "nodes", new JsonObject
        {
            ["nodeConfig"] = new JsonObject { ["labels"] = new JsonObject { [PoolPlacement.RoleLabel] = "nodes" } },
        });
        var dependencies = dependsOn(builder.Root, pool);
        builder.Root.Resource("kubernetes:apps/v1:StatefulSet", "set", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "set" },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject { ["spec"] = new JsonObject { ["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Nodes) } },
            },
        }, new NodeOptions { DependsOn = [.. dependencies] });
        return [.. new WorkloadsAfterPoolsPolicy().Check(new PolicyContext(builder.Build(), EnvironmentTier.Development)).Select(f => f.ToString())];
    }

    [Fact]
    public void A_workload_created_before_the_pool_its_pods_select_is_caught()
    {
        var finding = Assert.Single(Findings((_, _) => []));
        Assert.Contains("[workloads-after-pools] t/set", finding, StringComparison.Ordinal);
        Assert.Contains("does not depend on the stack's nodes pool (t/nodes)", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_direct_or_transitive_dependency_on_the_pool_is_enough()
    {
        Assert.Empty(Findings((_, pool) => [pool]));
        Assert.Empty(Findings((root, pool) => [root.Resource("kubernetes:core/v1:ConfigMap", "config", [], new NodeOptions { DependsOn = [pool] })]));
    }
}
