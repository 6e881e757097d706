using ZcashInfra.Components.NodeSet;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests;

/// <summary>What <c>status</c> looks at: the names the components compute for the prod stack, not re-derived ones.</summary>
public sealed class StackStatusPlanTests
{
    private static StackStatusPlan Prod() => StackStatusPlan.For("prod", StackConfigFile.Load(RepoPaths.Root, "prod").GetOrThrow());

    [Fact]
    public void NodeSets_UseTheStatefulSetSelector_AndTheRpcPortOfTheirNetwork()
    {
        var mainnet = Prod().NodeSets.Single(s => s.Name == "zebra-mainnet");

        Assert.Equal("app.kubernetes.io/name=zebrad,app.kubernetes.io/instance=zebra-mainnet,app.kubernetes.io/component=node", mainnet.LabelSelector);
        Assert.Equal(3, mainnet.Replicas);
        Assert.Equal(8232, mainnet.RpcPort);
        Assert.Equal(NodeSetComponent.RestoreContainer, mainnet.RestoreContainer);
        Assert.Equal("zcash", mainnet.Namespace);
    }

    [Fact]
    public void Cuts_ReadTheStacksOwnPublicIndex_TheSnapshotJobRestoresFrom()
    {
        var graph = ZcashEnvironment.Declare("prod", StackConfigFile.Load(RepoPaths.Root, "prod").GetOrThrow());
        var jobIndexes = graph.Resources.Where(r => r.Type == "kubernetes:batch/v1:CronJob").Select(r => r.Inputs.ToJsonString()).ToList();

        var cuts = Prod().Cuts;

        Assert.Equal(["snapshot-mainnet-zebrad", "snapshot-testnet-zebrad"], cuts.Select(c => c.Name));
        foreach (var cut in cuts)
        {
            Assert.EndsWith($"/{cut.Network.ToString().ToLowerInvariant()}/snapshots.json", cut.IndexUrl!.ToString(), StringComparison.Ordinal);
            Assert.Equal("https", cut.IndexUrl.Scheme);

            // The same URL the cut's CronJob is rendered with.
            Assert.Contains(jobIndexes, j => j.Contains(cut.IndexUrl.ToString(), StringComparison.Ordinal));
            Assert.Equal($"zcash.network={cut.Network.ToString().ToLowerInvariant()},zcash.implementation=zebrad", cut.VolumeSnapshotSelector);
        }
    }

    [Fact]
    public void CiWorkers_AreTheBuildbotWorkerStatefulSet()
    {
        var workers = Prod().CiWorkers!;

        Assert.Equal(("zcash-ci", "buildbot-worker"), (workers.Namespace, workers.StatefulSet));
    }
}
