using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Components.Tests.NodePools;

public class PoolPlacementTests
{
    [Fact]
    public void Workloads_tolerate_exactly_the_taints_of_the_pool_they_select()
    {
        foreach (var role in Enum.GetValues<PoolRole>())
        {
            var selector = PoolPlacement.NodeSelector(role);
            Assert.All(selector, kv => Assert.Equal(PoolPlacement.Labels(role)[kv.Key], kv.Value!.GetValue<string>()));

            var tolerated = PoolPlacement.Tolerations(role).Select(t => (t!["key"]!.GetValue<string>(), t["value"]!.GetValue<string>(), t["effect"]!.GetValue<string>()));
            Assert.Equal(PoolPlacement.Taints(role).Select(t => (t.Key, t.Value, t.Effect)), tolerated);
        }
    }

    [Fact]
    public void Ci_and_node_pools_repel_each_others_pods()
    {
        var ciTolerations = PoolPlacement.Tolerations(PoolRole.Ci).Select(t => t!["value"]!.GetValue<string>()).ToList();
        var nodeTolerations = PoolPlacement.Tolerations(PoolRole.Nodes).Select(t => t!["value"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(PoolPlacement.Taints(PoolRole.Nodes).Single().Value, ciTolerations);
        Assert.DoesNotContain(PoolPlacement.Taints(PoolRole.Ci).Single().Value, nodeTolerations);
        Assert.Empty(PoolPlacement.Taints(PoolRole.System));
    }
}
