using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Stacks.Tests.Settings;

/// <summary>
/// nodeSets[].snapshot.volumeSnapshot against snapshotSchedule.cuts[].volumeSnapshots: a set may
/// only be cloned from a series a cut of the stack keeps, of the stack's driver, no bigger than
/// its volumes, with its zcashd flags; and what the stack then declares.
/// </summary>
public class VolumeSnapshotSettingsTests
{
    private static string Sets(string snapshot = "{index: 'https://snapshots.zfnd.org/testnet/snapshots.json', volumeSnapshot: true}", string extra = "") =>
        $"  zcash-infra:nodeSets:\n    - {{name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true, snapshot: {snapshot}{extra}}}\n";

    private static SettingsResult Parse(string sets, string cuts) => StackYaml.WithBase(sets + "  zcash-infra:snapshotSchedule:\n    cuts: " + cuts + "\n");

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            Sets(), "[{network: testnet}]",
            "zcash-infra:nodeSets[0].snapshot.volumeSnapshot: needs a snapshot cut of zebrad testnet db major 28 with volumeSnapshots.enabled: true in snapshotSchedule.cuts; without one the series' alias VolumeSnapshot never exists and every new volume stays Pending"
        },
        {
            Sets(), "[{network: testnet, version: 7.2.0, volumeSnapshots: {enabled: true}}]",
            "zcash-infra:nodeSets[0].snapshot.volumeSnapshot: needs a snapshot cut of zebrad testnet db major 28 with volumeSnapshots.enabled: true in snapshotSchedule.cuts; without one the series' alias VolumeSnapshot never exists and every new volume stays Pending"
        },
        {
            Sets(extra: ", storage: {storageClass: premium-rwo}"), "[{network: testnet, volumeSnapshots: {enabled: true}}]",
            "zcash-infra:nodeSets[0].storage.storageClass: must be unset with snapshot.volumeSnapshot: the stack's node-state class has the driver the snapshots are taken with (the provisioner refuses a snapshot of another driver)"
        },
        {
            Sets(), "[{network: testnet, volumeSnapshots: {enabled: true, volumeSize: 80Gi}}]",
            "zcash-infra:nodeSets[0].storage.size: must be at least the snapshots' restore size 80Gi (the cut's volumeSnapshots.volumeSize): a claim smaller than its snapshot is refused"
        },
        {
            Sets(), "[{network: testnet, volumeSnapshots: {enabled: true, keep: 0}}]",
            "zcash-infra:snapshotSchedule.cuts[0].volumeSnapshots.keep: must be between 1 and 20, got 0"
        },
        {
            Sets(), "[{network: testnet, volumeSnapshots: {enabled: true, volumeSize: 10Gi}}]",
            "zcash-infra:snapshotSchedule.cuts[0].volumeSnapshots.volumeSize: must be at least 30Gi for zebrad on testnet (a node's state), got 10Gi"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_mismatch_is_reported_with_its_key_path(string sets, string cuts, string expected) =>
        StackYaml.AssertReports(Parse(sets, cuts), expected);

    [Fact]
    public void A_cut_of_the_series_with_volume_snapshots_makes_the_set_valid_and_its_claims_name_the_alias()
    {
        var result = Parse(Sets(), "[{network: testnet, volumeSnapshots: {enabled: true}}]");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var graph = ZcashEnvironment.Declare("dev", result.GetOrThrow());
        var statefulSet = graph.Resources.Single(n => n.Type == "kubernetes:apps/v1:StatefulSet");
        Assert.Equal(new VolumeSnapshotSeries(Components.Zcash.Network.Testnet, Components.Zcash.NodeImplementation.Zebrad, 28).AliasName,
            statefulSet.Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["dataSourceRef"]!["name"]!.GetValue<string>());
        Assert.Single(graph.Nodes, n => n.Type == VolumeSnapshotStorage.Type);

        // The cut's pod snapshots after publishing, and waits for the grants and classes.
        var cronJob = graph.Resources.Single(n => n.Type == "kubernetes:batch/v1:CronJob" && n.Inputs["metadata"]!["name"]!.GetValue<string>() == "snapshot-testnet-zebrad");
        Assert.Contains("dev/volume-snapshots", cronJob.Options.DependsOn);
        Assert.Equal("volume-snapshot", cronJob.Inputs["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Without_the_option_nothing_changes()
    {
        var graph = ZcashEnvironment.Declare("dev", Parse(Sets("{index: 'https://snapshots.zfnd.org/testnet/snapshots.json'}"), "[{network: testnet}]").GetOrThrow());
        Assert.DoesNotContain(graph.Nodes, n => n.Type == VolumeSnapshotStorage.Type);
        Assert.Null(graph.Resources.Single(n => n.Type == "kubernetes:apps/v1:StatefulSet").Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["dataSourceRef"]);
    }

    [Fact]
    public void Prod_clones_zebra_mainnet_from_the_mainnet_cuts_alias_and_states_the_prerequisite()
    {
        var settings = StackConfigFile.Load(RepoPaths.Root, "prod").GetOrThrow();
        Assert.Contains("volumeSnapshots", settings.Cluster.Provides);
        var graph = ZcashEnvironment.Declare("prod", settings);
        var mainnet = graph.Resources.Single(n => n.Type == "kubernetes:apps/v1:StatefulSet" && n.Inputs["metadata"]!["name"]!.GetValue<string>() == "zebra-mainnet");
        Assert.Equal("zebrad-mainnet-v29-latest", mainnet.Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["dataSourceRef"]!["name"]!.GetValue<string>());
        var testnet = graph.Resources.Single(n => n.Type == "kubernetes:apps/v1:StatefulSet" && n.Inputs["metadata"]!["name"]!.GetValue<string>() == "zebra-testnet");
        Assert.Null(testnet.Inputs["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["dataSourceRef"]);
    }
}
