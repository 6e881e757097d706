using System.Collections.Immutable;
using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Providers;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashNodePoolsTests
{
    [Fact]
    public async Task Another_program_can_add_eks_node_groups_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashNodePools? pools = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            pools = new ZcashNodePools("workers", new NodePoolsArgs
            {
                Cloud = Cloud.Aws,
                ClusterName = "their-cluster",
                AwsAccountId = "123456789012",
                SubnetIds = ["subnet-0a1b2c3d"],
                Pools =
                [
                    new() { Name = "zcash", Role = PoolRole.Nodes, MachineType = "r7g.xlarge" },
                    new() { Name = "builds", Role = PoolRole.Ci, MachineType = "c6i.2xlarge", MinNodes = 0, Spot = true },
                ],
            });
            return new Dictionary<string, object?> { ["identity"] = pools.NodeIdentity };
        });

        var types = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:NodePools", "workers"), types);
        Assert.Contains(("aws:iam/role:Role", "workers-node-role"), types);
        Assert.Contains(("aws:eks/nodeGroup:NodeGroup", "workers-zcash"), types);
        Assert.Contains(("aws:eks/nodeGroup:NodeGroup", "workers-builds"), types);
        Assert.Equal(3, types.Count(t => t.Type == "aws:iam/rolePolicyAttachment:RolePolicyAttachment"));
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));

        var builds = mocks.Resources.Single(r => r.Name == "workers-builds");
        Assert.Equal("SPOT", builds.Inputs["capacityType"]);
        Assert.Equal("their-cluster", builds.Inputs["clusterName"]);
        Assert.Equal("arn:aws:iam::123456789012:role/zcash-infra-other-nodes", await OutputUtilities.GetValueAsync(pools!.NodeIdentity));
        Assert.Equal(
            ImmutableDictionary<string, string>.Empty.Add("nodes", "zcash").Add("ci", "builds"),
            await OutputUtilities.GetValueAsync(pools.PoolNames));
    }
}
