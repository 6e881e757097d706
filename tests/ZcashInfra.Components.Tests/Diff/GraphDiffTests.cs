using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Rendering;
using static ZcashInfra.Components.Tests.Diff.DiffFixtures;

namespace ZcashInfra.Components.Tests.Diff;

public class GraphDiffTests
{
    private const string StatefulSetPath = "dev/zebra-testnet/zebra-testnet-statefulset";
    private const string BucketPath = "dev/snapshots/snapshots-bucket";

    [Fact]
    public void The_same_stack_has_no_changes()
    {
        var diff = Compare(new Shape(), new Shape());
        Assert.False(diff.HasChanges);
        Assert.All(diff.Entries, e => Assert.Equal(ChangeKind.Unchanged, e.Kind));
        Assert.Equal(Stack(new Shape()).Nodes.Length, diff.Entries.Length);
    }

    [Fact]
    public void An_added_node_lists_every_input_as_new()
    {
        var diff = Compare(new Shape(), new Shape { WithMonitoring = true });
        var added = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Added, added.Kind);
        Assert.Equal("dev/zebra-testnet/zebra-testnet-metrics", added.Path);
        Assert.Contains(added.Properties, p => p.Property == "spec.ports[0].port" && p.Before is null && p.After == "9999");
        Assert.Contains(added.Properties, p => p.Property == "metadata.labels[\"app.kubernetes.io/name\"]" && p.After == "\"zebra\"");
    }

    [Fact]
    public void A_removed_node_is_listed_where_it_was()
    {
        var diff = Compare(new Shape(), new Shape { WithLegacyConfig = false });
        var removed = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Removed, removed.Kind);
        Assert.Equal("dev/zebra-testnet/zebra-testnet-legacy", removed.Path);
        Assert.Contains(removed.Properties, p => p.Property == "data.note" && p.Before == "\"old\"" && p.After is null);

        // It follows the node that preceded it in the base (the ConfigMap), before the StatefulSet.
        var paths = diff.Entries.Select(e => e.Path).ToList();
        Assert.Equal(paths.IndexOf("dev/zebra-testnet/zebra-testnet-config") + 1, paths.IndexOf(removed.Path));
        Assert.Equal(paths.IndexOf(removed.Path) + 1, paths.IndexOf(StatefulSetPath));
    }

    [Fact]
    public void An_updatable_property_is_a_change_with_before_and_after()
    {
        var diff = Compare(new Shape(), new Shape { Replicas = 3, Image = "zfnd/zebra:6.4.0" });
        var change = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Changed, change.Kind);
        Assert.Equal(StatefulSetPath, change.Path);
        Assert.Equal<PropertyChange>(
            [
                new PropertyChange("spec.replicas", "1", "3", Effect: "scales from 1 to 3 pods: adds zebra-testnet-1, zebra-testnet-2"),
                new PropertyChange("spec.template.spec.containers[0].image", "\"zfnd/zebra:6.3.0\"", "\"zfnd/zebra:6.4.0\"", Effect: "rolls 1 pod (zebra-testnet-0)"),
            ],
            change.Properties);
        Assert.Empty(change.ReplaceReasons);
    }

    [Fact]
    public void A_volume_claim_template_change_replaces_the_statefulset()
    {
        var diff = Compare(new Shape(), new Shape { StorageSize = "300Gi", Replicas = 2 });
        var change = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Replaced, change.Kind);
        Assert.Equal<string>(["spec.volumeClaimTemplates changed"], change.ReplaceReasons);
        var storage = Assert.Single(change.Properties, p => p.Replaces);
        Assert.Equal("spec.volumeClaimTemplates[0].spec.resources.requests.storage", storage.Property);
        Assert.False(Assert.Single(change.Properties, p => p.Property == "spec.replicas").Replaces);
    }

    [Fact]
    public void A_cloud_replace_on_change_property_replaces_the_resource()
    {
        var diff = Compare(new Shape(), new Shape { BucketName = "zcash-dev-snapshots-2" });
        var bucket = Entry(diff, BucketPath);
        Assert.Equal(ChangeKind.Replaced, bucket.Kind);
        Assert.Equal<string>(["name changed"], bucket.ReplaceReasons);
        Assert.Equal<PropertyChange>([new PropertyChange("snapshotBucket", "\"zcash-dev-snapshots\"", "\"zcash-dev-snapshots-2\"")], diff.Outputs);
    }

    [Fact]
    public void A_type_change_replaces_the_resource()
    {
        var diff = Compare(new Shape(), new Shape { BucketType = "gcp:storage/bucketObject:BucketObject" });
        var bucket = Entry(diff, BucketPath);
        Assert.Equal(ChangeKind.Replaced, bucket.Kind);
        Assert.Equal("gcp:storage/bucket:Bucket", bucket.PreviousType);
        Assert.Equal("type changed from gcp:storage/bucket:Bucket", bucket.ReplaceReasons[0]);
    }

    [Fact]
    public void A_component_type_change_replaces_every_child_because_their_urns_change()
    {
        var diff = Compare(new Shape(), new Shape { NodeSetComponentType = "zcash-infra:index:ZebraNodes" });
        var replaced = diff.Replacements.Select(r => r.Path).ToList();
        Assert.Equal(
            ["dev/zebra-testnet", "dev/zebra-testnet/zebra-testnet-config", "dev/zebra-testnet/zebra-testnet-legacy", StatefulSetPath],
            replaced);
        Assert.StartsWith("URN changed: an enclosing component's type changed (zcash-infra:index:NodeSet$", Entry(diff, StatefulSetPath).ReplaceReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_change_is_a_move()
    {
        var before = Builder(moved: false);
        var moved = GraphDiff.Compare(DiffSide.FromGraph(before), DiffSide.FromGraph(Builder(moved: true)));
        var entry = Assert.Single(moved.Changes);
        Assert.Equal(ChangeKind.Moved, entry.Kind);
        Assert.Equal("dev/new/cfg", entry.Path);
        Assert.Equal("dev/old/cfg", entry.PreviousPath);
        Assert.Equal<string>(["moved from dev/old to dev/new without an alias"], entry.ReplaceReasons);

        static ResourceGraph Builder(bool moved)
        {
            var builder = new GraphBuilder("dev");
            var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
            var old = builder.Root.Component("zcash-infra:index:Old", "old");
            var @new = builder.Root.Component("zcash-infra:index:New", "new");
            var options = new NodeOptions { Provider = provider };
            (moved ? @new : old).Resource("kubernetes:core/v1:ConfigMap", "cfg", new JsonObject { ["data"] = new JsonObject { ["a"] = "1" } }, options);
            return builder.Build();
        }
    }

    [Fact]
    public void Moving_between_components_of_one_type_keeps_the_urn_and_is_an_update_of_the_parent()
    {
        ResourceGraph Graph(string parent)
        {
            var builder = new GraphBuilder("dev");
            var a = builder.Root.Component("zcash-infra:index:Pool", "a");
            var b = builder.Root.Component("zcash-infra:index:Pool", "b");
            (parent == "a" ? a : b).Resource("random:index/randomId:RandomId", "id", new JsonObject { ["byteLength"] = 4 });
            return builder.Build();
        }

        var diff = GraphDiff.Compare(DiffSide.FromGraph(Graph("a")), DiffSide.FromGraph(Graph("b")));
        var entry = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Changed, entry.Kind);
        Assert.Equal<PropertyChange>([new PropertyChange("parent", "\"dev/a\"", "\"dev/b\"")], entry.Properties);
    }

    [Fact]
    public void A_changed_secret_shows_as_changed_without_its_value()
    {
        var diff = Compare(new Shape { Kubeconfig = Secret.FromPlaintext("apiVersion: v1 # cluster-a") }, new Shape { Kubeconfig = Secret.FromPlaintext("apiVersion: v1 # cluster-b") });
        var provider = Assert.Single(diff.Changes);
        Assert.Equal("dev/kubernetes", provider.Path);
        Assert.Equal<PropertyChange>([new PropertyChange("kubeconfig", Secret.Mask, Secret.Mask, Secret: true)], provider.Properties);
        Assert.Equal(0, diff.UncomparedSecrets);

        var text = DiffTree.Render(new DiffReport("a", "b", [diff])) + DiffMarkdown.Render(new DiffReport("a", "b", [diff]));
        Assert.DoesNotContain("cluster-a", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster-b", text, StringComparison.Ordinal);
        Assert.Contains("~ kubeconfig: [secret] (secret value changed)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unchanged_secret_is_no_change_and_a_render_cannot_tell_so_it_is_counted()
    {
        var same = Compare(new Shape { Kubeconfig = Secret.FromCiphertext("v1:abc") }, new Shape { Kubeconfig = Secret.FromCiphertext("v1:abc") });
        Assert.False(same.HasChanges);

        var rendered = DiffSide.FromRender(GraphJson.ToJson(Stack(new Shape { Kubeconfig = Secret.FromCiphertext("v1:abc") })), "base.json");
        var fromFile = GraphDiff.Compare(rendered, DiffSide.FromGraph(Stack(new Shape { Kubeconfig = Secret.FromCiphertext("v1:xyz") })));
        Assert.False(fromFile.HasChanges);
        Assert.Equal(1, fromFile.UncomparedSecrets);
        var report = new DiffReport("base.json", "working tree", [fromFile]);
        Assert.Contains("1 secret input(s) could not be compared", DiffTree.Render(report), StringComparison.Ordinal);
        Assert.Contains("a rendered file shows secrets only as [secret]", DiffMarkdown.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_or_removing_a_secret_masks_it()
    {
        var diff = Compare(new Shape(), new Shape { Kubeconfig = Secret.FromPlaintext("top-secret-kubeconfig") });
        var change = Assert.Single(diff.Changes);
        Assert.Equal<PropertyChange>([new PropertyChange("kubeconfig", null, Secret.Mask, Secret: true)], change.Properties);
    }

    [Fact]
    public void Ignored_changes_are_shown_but_do_not_update_or_replace()
    {
        var ignore = new[] { "spec.replicas", "spec.volumeClaimTemplates" };
        var diff = Compare(new Shape { IgnoreChanges = ignore }, new Shape { IgnoreChanges = ignore, Replicas = 5, StorageSize = "1Ti" });
        var entry = Entry(diff, StatefulSetPath);
        Assert.Equal(ChangeKind.Unchanged, entry.Kind);
        Assert.All(entry.Properties, p => Assert.True(p.Ignored));
        Assert.Equal(2, entry.Properties.Length);
    }

    [Fact]
    public void A_provider_change_replaces_and_an_option_change_updates()
    {
        ResourceGraph Graph(string provider, bool protect)
        {
            var builder = new GraphBuilder("dev");
            var a = builder.Root.Resource("pulumi:providers:gcp", "gcp", new JsonObject { ["project"] = "a" });
            var b = builder.Root.Resource("pulumi:providers:gcp", "gcp-eu", new JsonObject { ["project"] = "b" });
            builder.Root.Resource("gcp:storage/bucket:Bucket", "bucket", new JsonObject { ["location"] = "US" },
                new NodeOptions { Provider = provider == "a" ? a : b, Protect = protect });
            return builder.Build();
        }

        var moved = GraphDiff.Compare(DiffSide.FromGraph(Graph("a", false)), DiffSide.FromGraph(Graph("b", false)));
        var bucket = Entry(moved, "dev/bucket");
        Assert.Equal(ChangeKind.Replaced, bucket.Kind);
        Assert.Equal<string>(["the explicit provider changed"], bucket.ReplaceReasons);
        Assert.Equal<PropertyChange>([new PropertyChange("options.provider", "\"dev/gcp\"", "\"dev/gcp-eu\"", Replaces: true)], bucket.Properties);

        var protect = GraphDiff.Compare(DiffSide.FromGraph(Graph("a", false)), DiffSide.FromGraph(Graph("a", true)));
        Assert.Equal(ChangeKind.Changed, Entry(protect, "dev/bucket").Kind);
        Assert.Equal<PropertyChange>([new PropertyChange("options.protect", "false", "true")], Entry(protect, "dev/bucket").Properties);
    }

    [Fact]
    public void A_new_or_deleted_stack_is_all_added_or_all_removed()
    {
        var graph = Stack(new Shape());
        var created = GraphDiff.Compare(DiffSide.Absent("dev"), DiffSide.FromGraph(graph));
        Assert.False(created.BeforeExists);
        Assert.Equal(graph.Nodes.Length, created.Count(ChangeKind.Added));
        Assert.Equal<PropertyChange>([new PropertyChange("snapshotBucket", null, "\"zcash-dev-snapshots\"")], created.Outputs);

        Assert.Empty(Entry(created, "dev/zebra-testnet").Properties); // a component has no inputs to list
        var deleted = GraphDiff.Compare(DiffSide.FromGraph(graph), DiffSide.Absent("dev"));
        Assert.False(deleted.AfterExists);
        Assert.Equal(graph.Nodes.Select(n => n.Path), deleted.Entries.Select(e => e.Path));
        Assert.All(deleted.Entries, e => Assert.Equal(ChangeKind.Removed, e.Kind));
    }

    [Fact]
    public void A_graph_and_its_own_render_are_the_same_stack()
    {
        var graph = Stack(new Shape { WithMonitoring = true });
        var diff = GraphDiff.Compare(DiffSide.FromRender(JsonNode.Parse(GraphJson.Render(graph)), "dev.json"), DiffSide.FromGraph(graph));
        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void Entries_follow_registration_order_and_repeat_byte_for_byte()
    {
        var before = new Shape();
        var after = new Shape { WithMonitoring = true, WithLegacyConfig = false, Replicas = 4, BucketName = "renamed" };
        var first = Compare(before, after);
        Assert.Equal(
            ["dev/gcp", "dev/kubernetes", "dev/zebra-testnet", "dev/zebra-testnet/zebra-testnet-config", "dev/zebra-testnet/zebra-testnet-legacy",
             StatefulSetPath, "dev/zebra-testnet/zebra-testnet-metrics", "dev/snapshots", BucketPath],
            first.Entries.Select(e => e.Path));
        for (var i = 0; i < 3; i++)
        {
            var again = Compare(before, after);
            Assert.Equal(DiffTree.Render(new DiffReport("a", "b", [first])), DiffTree.Render(new DiffReport("a", "b", [again])));
            Assert.Equal(DiffMarkdown.Render(new DiffReport("a", "b", [first])), DiffMarkdown.Render(new DiffReport("a", "b", [again])));
        }
    }

    /// <summary>Registers a copy of <paramref name="graph"/>, letting the caller change a node's type or options.</summary>
    private static void Redeclare(ResourceGraph graph, GraphBuilder builder, Func<GraphNode, NodeOptions, (string Type, NodeOptions Options)> change)
    {
        var scopes = new Dictionary<string, GraphScope>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            var scope = node.Parent is null ? builder.Root : scopes[node.Parent];
            var (type, options) = change(node, node.Options);
            if (node.Kind == NodeKind.Component)
            {
                scopes[node.Path] = scope.Component(type, node.Name, options);
            }
            else
            {
                scope.Resource(type, node.Name, node.Inputs, options);
            }
        }

        foreach (var output in graph.Outputs)
        {
            builder.StackOutput(output.Name, output.Value);
        }
    }
}
