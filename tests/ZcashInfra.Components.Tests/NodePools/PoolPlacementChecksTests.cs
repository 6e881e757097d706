using System.Text.Json.Nodes;
using ZcashInfra.Components.NodePools;

namespace ZcashInfra.Components.Tests.NodePools;

public class PoolPlacementChecksTests
{
    private static JsonObject Pod(JsonArray tolerations) => new() { ["tolerations"] = tolerations };

    [Fact]
    public void The_placements_written_by_pool_placement_read_back_as_that_pool()
    {
        foreach (var role in Enum.GetValues<PoolRole>())
        {
            var pod = new JsonObject { ["nodeSelector"] = PoolPlacement.NodeSelector(role), ["tolerations"] = PoolPlacement.Tolerations(role) };
            Assert.Equal([role], PoolPlacementChecks.SelectedRoles(pod));
            Assert.True(PoolPlacementChecks.Tolerates(pod, role));
        }
    }

    [Theory]
    [InlineData("""[{"operator":"Exists"}]""", true)]
    [InlineData("""[{"key":"zcash-infra/pool-role","operator":"Exists"}]""", true)]
    [InlineData("""[{"key":"zcash-infra/pool-role","operator":"Equal","value":"ci","effect":"NoSchedule"}]""", true)]
    [InlineData("""[{"key":"zcash-infra/pool-role","value":"ci"}]""", true)]
    [InlineData("""[{"key":"zcash-infra/pool-role","operator":"Equal","value":"nodes"}]""", false)]
    [InlineData("""[{"key":"zcash-infra/pool-role","operator":"Equal","value":"ci","effect":"NoExecute"}]""", false)]
    [InlineData("""[{"operator":"Exists","effect":"NoExecute"}]""", false)]
    [InlineData("""[]""", false)]
    public void Tolerating_the_ci_taint_follows_kubernetes_matching(string tolerations, bool tolerates) =>
        Assert.Equal(tolerates, PoolPlacementChecks.Tolerates(Pod(JsonNode.Parse(tolerations)!.AsArray()), PoolRole.Ci));

    [Fact]
    public void Required_node_affinity_on_the_role_label_counts_as_selecting()
    {
        var pod = JsonNode.Parse("""
            {"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
              {"matchExpressions":[{"key":"zcash-infra/pool-role","operator":"In","values":["ci","system"]}]}]}}}}
            """)!.AsObject();
        Assert.Equal(new HashSet<PoolRole> { PoolRole.Ci, PoolRole.System }, PoolPlacementChecks.SelectedRoles(pod));
        Assert.Empty(PoolPlacementChecks.SelectedRoles(new JsonObject()));
    }
}
