using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.Tests.NodePools;

public class MachineTypesTests
{
    [Theory]
    [InlineData(Cloud.Gcp, "e2-standard-4", "e2")]
    [InlineData(Cloud.Gcp, "n2-highmem-8", "n2")]
    [InlineData(Cloud.Gcp, "c3d-standard-8-lssd", "c3d")]
    [InlineData(Cloud.Gcp, "n2-custom-4-16384", "n2")]
    [InlineData(Cloud.Gcp, "e2-micro", "e2")]
    [InlineData(Cloud.Gcp, "m6i.large", null)]
    [InlineData(Cloud.Gcp, "q9-standard-8", null)]
    [InlineData(Cloud.Gcp, "n2-standard-8 ", null)]
    [InlineData(Cloud.Aws, "m6i.large", "m6i")]
    [InlineData(Cloud.Aws, "r6i.2xlarge", "r6i")]
    [InlineData(Cloud.Aws, "c7gn.16xlarge", "c7gn")]
    [InlineData(Cloud.Aws, "inf2.xlarge", "inf2")]
    [InlineData(Cloud.Aws, "m7i-flex.large", "m7i-flex")]
    [InlineData(Cloud.Aws, "i4i.metal", "i4i")]
    [InlineData(Cloud.Aws, "n2-standard-8", null)]
    [InlineData(Cloud.Aws, "q6i.large", null)]
    [InlineData(Cloud.Aws, "m6i.huge", null)]
    public void Families_are_recognized_per_cloud(Cloud cloud, string machineType, string? family)
    {
        Assert.Equal(family, MachineTypes.Family(cloud, machineType));
        Assert.Equal(family is null, MachineTypes.Problem(cloud, machineType) is not null);
    }

    [Theory]
    [InlineData("m7g.large", true)]
    [InlineData("c7gn.xlarge", true)]
    [InlineData("t4g.small", true)]
    [InlineData("a1.large", true)]
    [InlineData("g5g.xlarge", true)]
    [InlineData("g5.xlarge", false)]
    [InlineData("m6i.large", false)]
    [InlineData("m6a.large", false)]
    public void Graviton_instance_types_are_arm(string instanceType, bool arm) => Assert.Equal(arm, MachineTypes.IsAwsArm(instanceType));

    [Fact]
    public void Hyperdisk_only_families_default_to_hyperdisk_and_taint_effects_round_trip()
    {
        Assert.True(MachineTypes.IsHyperdiskOnly("n4-standard-8"));
        Assert.True(MachineTypes.IsHyperdiskOnly("c4a-highmem-4"));
        Assert.False(MachineTypes.IsHyperdiskOnly("n2-standard-8"));
        Assert.Equal("hyperdisk-balanced", BootDisks.GkeDefault(PoolRole.Nodes, "c4-standard-8"));
        Assert.Equal("pd-ssd", BootDisks.GkeDefault(PoolRole.Nodes, "n2-highmem-4"));

        foreach (var effect in new[] { "NoSchedule", "PreferNoSchedule", "NoExecute" })
        {
            Assert.Equal(effect, TaintEffects.ToKubernetes(TaintEffects.ToCloud(effect)));
        }

        Assert.Equal("NO_SCHEDULE", TaintEffects.ToCloud("NoSchedule"));
        Assert.Null(TaintEffects.ToKubernetes("NoSchedule"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaintEffects.ToCloud("NO_SCHEDULE"));
    }
}
