using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Tests.NodeSet;
using static ZcashInfra.Components.Tests.Diff.DiffFixtures;

namespace ZcashInfra.Components.Tests.Diff;

public class PodEffectsTests
{
    private const string StatefulSetPath = "dev/zebra-testnet/zebra-testnet-statefulset";

    [Fact]
    public void A_replicas_only_change_scales_and_names_the_pods_it_adds()
    {
        var change = Entry(Compare(new Shape(), new Shape { Replicas = 3 }), StatefulSetPath);

        Assert.Equal("scales from 1 to 3 pods: adds zebra-testnet-1, zebra-testnet-2; no running pod restarts", change.PodEffect);
        Assert.Equal("scales from 1 to 3 pods: adds zebra-testnet-1, zebra-testnet-2", Assert.Single(change.Properties, p => p.Property == "spec.replicas").Effect);
        Assert.Contains("update  — pods: scales from 1 to 3 pods", DiffTree.Render(new DiffReport("a", "b", [Compare(new Shape(), new Shape { Replicas = 3 })])), StringComparison.Ordinal);
    }

    [Fact]
    public void Scaling_down_removes_the_highest_ordinals_first()
    {
        var change = Entry(Compare(new Shape { Replicas = 3 }, new Shape { Replicas = 1 }), StatefulSetPath);

        Assert.Equal("scales from 3 to 1 pods: removes zebra-testnet-2, zebra-testnet-1 (their volumes stay); no running pod restarts", change.PodEffect);
    }

    [Fact]
    public void Scaling_a_zebrad_set_from_1_to_2_creates_1_pod_and_rolls_none()
    {
        // The node config names the peer group's Service, not each pod, so its digest stays.
        var (before, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet);
        var (after, _) = NodeSets.Declare("zebra-testnet", NodeSets.ZebradTestnet, a => a with { Replicas = 2 });
        var diff = GraphDiff.Compare(DiffSide.FromGraph(before), DiffSide.FromGraph(after));

        var statefulSet = Assert.Single(diff.Changes, e => e.Type == "kubernetes:apps/v1:StatefulSet");
        Assert.Equal("scales from 1 to 2 pods: adds zebra-testnet-1; no running pod restarts", statefulSet.PodEffect);
        Assert.Equal(["spec.replicas"], statefulSet.Properties.Select(p => p.Property));
        Assert.DoesNotContain(diff.Changes, e => e.Type == "kubernetes:core/v1:ConfigMap");

        // A second replica brings the disruption budget.
        Assert.Equal(ChangeKind.Added, Assert.Single(diff.Changes, e => e.Type == "kubernetes:policy/v1:PodDisruptionBudget").Kind);
    }

    [Fact]
    public void Scaling_a_zcashd_set_changes_only_its_peers_file_which_restarts_nothing()
    {
        var (before, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest);
        var (after, _) = NodeSets.Declare("zcashd-regtest", NodeSets.ZcashdRegtest, a => a with { Replicas = 2 });
        var diff = GraphDiff.Compare(DiffSide.FromGraph(before), DiffSide.FromGraph(after));

        Assert.Equal("scales from 1 to 2 pods: adds zcashd-regtest-1; no running pod restarts",
            Assert.Single(diff.Changes, e => e.Type == "kubernetes:apps/v1:StatefulSet").PodEffect);
        var peers = Assert.Single(diff.Changes, e => e.Type == "kubernetes:core/v1:ConfigMap");
        Assert.EndsWith("zcashd-regtest-peers", peers.Path, StringComparison.Ordinal);
        Assert.StartsWith("no pod restarts: pods read it when they start", peers.PodEffect, StringComparison.Ordinal);

        // The node config ConfigMap, whose digest rolls the pods, is unchanged; an unmarked ConfigMap says nothing.
        Assert.DoesNotContain(diff.Changes, e => e.Path.EndsWith("zcashd-regtest-config", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_change_rolls_every_existing_pod()
    {
        var change = Entry(Compare(new Shape { Replicas = 3 }, new Shape { Replicas = 3, Image = "zfnd/zebra:7.0.0" }), StatefulSetPath);

        Assert.Equal("rolls 3 pods, one at a time from zebra-testnet-2 down to zebra-testnet-0", change.PodEffect);
        Assert.Equal(change.PodEffect, Assert.Single(change.Properties, p => p.Property == "spec.template.spec.containers[0].image").Effect);
    }

    [Fact]
    public void A_config_change_of_a_node_set_is_explained_as_a_roll_that_respects_the_partition()
    {
        // The mainnet fixture runs 3 replicas with partition 2: only the highest ordinal takes a change.
        var (before, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var (after, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet, a => a with { PeerGroup = "canary" });
        var diff = GraphDiff.Compare(DiffSide.FromGraph(before), DiffSide.FromGraph(after));
        var statefulSet = Assert.Single(diff.Entries, e => e.Type == "kubernetes:apps/v1:StatefulSet");

        var hash = Assert.Single(statefulSet.Properties, p => p.Property.Contains("zcash-infra/config-sha256", StringComparison.Ordinal));
        Assert.Equal("the pods' configuration changed: rolls 1 pod (zebra-mainnet-2); the partition (2) holds the others", hash.Effect);
        Assert.Contains("— <b>pods:</b> rolls 1 pod (zebra-mainnet-2)", DiffMarkdown.Render(new DiffReport("a", "b", [diff])), StringComparison.Ordinal);
    }

    [Fact]
    public void OnDelete_and_Recreate_strategies_are_described_as_they_behave()
    {
        var before = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w" }, ["spec"] = new JsonObject { ["replicas"] = 2, ["template"] = new JsonObject { ["x"] = 1 } } };
        JsonObject After(string strategyKey, string strategy) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = "w" },
            ["spec"] = new JsonObject { ["replicas"] = 2, [strategyKey] = new JsonObject { ["type"] = strategy }, ["template"] = new JsonObject { ["x"] = 2 } },
        };
        PropertyChange[] rows = [new("spec.template.x", "1", "2")];

        Assert.StartsWith("no pod restarts by itself (updateStrategy OnDelete)",
            PodEffects.Describe(ChangeKind.Changed, "kubernetes:apps/v1:StatefulSet", before, After("updateStrategy", "OnDelete"), [.. rows]).Summary, StringComparison.Ordinal);
        Assert.Equal("stops 2 pods, then starts them again (strategy Recreate)",
            PodEffects.Describe(ChangeKind.Changed, "kubernetes:apps/v1:Deployment", before, After("strategy", "Recreate"), [.. rows]).Summary);
        Assert.Equal("rolls 2 pods (a new ReplicaSet replaces them)",
            PodEffects.Describe(ChangeKind.Changed, "kubernetes:apps/v1:Deployment", before, After("strategy", "RollingUpdate"), [.. rows]).Summary);
        Assert.Null(PodEffects.Describe(ChangeKind.Changed, "kubernetes:core/v1:ConfigMap", before, before, [.. rows]).Summary);
    }

    [Fact]
    public void A_replaced_workload_stops_and_starts_its_pods()
    {
        var change = Entry(Compare(new Shape(), new Shape { StorageSize = "300Gi" }), StatefulSetPath);

        Assert.Equal(ChangeKind.Replaced, change.Kind);
        Assert.Equal("deleted and created again: 1 pod stopped, then 1 pod started", change.PodEffect);
    }
}
