using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Validation;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>validate reports what the cluster must already have, as far as the graph shows it.</summary>
public class StatedPrerequisitesTests
{
    private static List<string> Missing(ResourceGraph graph, params string[] provided) =>
        [.. ClusterPrerequisite.Missing(graph, provided.ToHashSet(StringComparer.Ordinal)).Select(f => f.Message[..f.Message.IndexOf(':', StringComparison.Ordinal)])];

    private static ResourceGraph NodeGroup(int min, int max)
    {
        var builder = new GraphBuilder("t");
        builder.Root.Resource("aws:eks/nodeGroup:NodeGroup", "ci", new JsonObject
        {
            ["nodeGroupName"] = "ci",
            ["scalingConfig"] = new JsonObject { ["minSize"] = min, ["maxSize"] = max, ["desiredSize"] = min },
        });
        return builder.Build();
    }

    [Fact]
    public void An_eks_node_group_that_may_grow_needs_an_autoscaler_the_stack_states()
    {
        var finding = Assert.Single(ClusterPrerequisite.Missing(NodeGroup(0, 10), new HashSet<string>()));
        Assert.Equal(("prerequisite", "t/ci"), (finding.Check, finding.ResourcePath));
        Assert.StartsWith("clusterAutoscaler: node group ci may grow from 0 to 10 nodes, but nothing in the stack resizes it.", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Missing(NodeGroup(0, 10), "clusterAutoscaler"));
        Assert.Empty(Missing(NodeGroup(3, 3)));
    }

    [Fact]
    public void The_ci_graph_needs_prometheus_and_a_default_storage_class_but_not_keda_which_it_installs()
    {
        Assert.Equal(["prometheus", "defaultStorageClass"], Missing(CiGraphs.Full()));
        Assert.Equal(["keda", "prometheus", "defaultStorageClass"], Missing(CiGraphs.Full(workers: w => w with { Keda = w.Keda with { Install = false } })));
        Assert.Equal(["namedStorageClasses"], Missing(
            CiGraphs.Full(pipelines: p => p with { Cache = p.Cache with { AccessMode = ZcashInfra.Components.CiPipelines.BuildCacheArgs.ReadWriteMany, StorageClass = "standard-rwx" } }), "prometheus", "defaultStorageClass"));
        Assert.Empty(Missing(CiGraphs.Full(), [.. StatedPrerequisites.Ids]));
    }

    [Fact]
    public void Validation_reports_prerequisites_only_when_told_what_the_cluster_provides()
    {
        var validator = new GraphValidator(TestSchemas.Folder);
        Assert.DoesNotContain(validator.Validate(NodeGroup(0, 10), EnvironmentTier.Development, policies: []), f => f.Check == ClusterPrerequisite.Check);
        Assert.Contains(validator.Validate(NodeGroup(0, 10), EnvironmentTier.Development, policies: [], clusterProvides: new HashSet<string>()), f => f.Check == ClusterPrerequisite.Check);
    }
}
