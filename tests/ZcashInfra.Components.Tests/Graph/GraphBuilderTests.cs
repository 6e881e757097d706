using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Tests.Graph;

public class GraphBuilderTests
{
    private const string Bucket = "gcp:storage/bucket:Bucket";

    [Fact]
    public void Paths_follow_the_component_hierarchy_and_registration_order_is_kept()
    {
        var builder = new GraphBuilder("dev");
        var store = builder.Root.Component("zcash-infra:index:SnapshotStore", "snapshots");
        var bucket = store.Resource(Bucket, "snapshots-bucket", new JsonObject { ["name"] = "b" });
        var graph = builder.Build();

        Assert.Equal("dev/snapshots/snapshots-bucket", bucket);
        Assert.Equal(["dev/snapshots", "dev/snapshots/snapshots-bucket"], graph.Nodes.Select(n => n.Path));
        Assert.Equal("dev/snapshots", graph[bucket].Parent);
        Assert.Equal(
            "urn:pulumi:dev::zcash-infra::zcash-infra:index:SnapshotStore$gcp:storage/bucket:Bucket::snapshots-bucket",
            graph.UrnOf(graph[bucket]));
    }

    [Fact]
    public void A_sibling_with_the_same_name_is_rejected()
    {
        var builder = new GraphBuilder("dev");
        builder.Root.Resource(Bucket, "b", []);
        var e = Assert.Throws<GraphException>(() => builder.Root.Resource("aws:s3/bucket:Bucket", "b", []));
        Assert.Contains("'dev/b'", e.Message, StringComparison.Ordinal);
        Assert.Contains("already used", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_components_of_one_type_with_same_named_children_collide_on_the_urn()
    {
        // Pulumi URNs carry the parent's type, not its name: both children would get the same URN.
        var builder = new GraphBuilder("dev");
        builder.Root.Component("zcash-infra:index:NodeSet", "a").Resource(Bucket, "data", []);
        var second = builder.Root.Component("zcash-infra:index:NodeSet", "b");

        var e = Assert.Throws<GraphException>(() => second.Resource(Bucket, "data", []));
        Assert.Contains("dev/b/data", e.Message, StringComparison.Ordinal);
        Assert.Contains("dev/a/data", e.Message, StringComparison.Ordinal);
        Assert.Contains("URN", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("has space")]
    [InlineData("a::b")]
    public void Malformed_names_are_rejected(string name)
    {
        var builder = new GraphBuilder("dev");
        Assert.Throws<GraphException>(() => builder.Root.Resource(Bucket, name, []));
    }

    [Fact]
    public void A_type_that_is_not_a_token_is_rejected()
    {
        var builder = new GraphBuilder("dev");
        var e = Assert.Throws<GraphException>(() => builder.Root.Resource("Bucket", "b", []));
        Assert.Contains("not a Pulumi type token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DependsOn_must_name_an_earlier_node()
    {
        var builder = new GraphBuilder("dev");
        var e = Assert.Throws<GraphException>(() =>
            builder.Root.Resource(Bucket, "b", [], new NodeOptions { DependsOn = ["dev/later"] }));
        Assert.Contains("dependsOn 'dev/later' is not registered before it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_must_be_a_provider_resource()
    {
        var builder = new GraphBuilder("dev");
        var notProvider = builder.Root.Resource(Bucket, "a", []);
        var e = Assert.Throws<GraphException>(() =>
            builder.Root.Resource(Bucket, "b", [], new NodeOptions { Provider = notProvider }));
        Assert.Contains("not a provider resource", e.Message, StringComparison.Ordinal);

        var provider = builder.Root.Resource("pulumi:providers:gcp", "gcp", []);
        var ok = builder.Root.Resource(Bucket, "c", [], new NodeOptions { Provider = provider });
        Assert.Equal(provider, builder.Build()[ok].Options.Provider);
    }

    [Fact]
    public void Inputs_are_copied_so_later_changes_to_the_callers_object_do_not_leak_in()
    {
        var builder = new GraphBuilder("dev");
        var inputs = new JsonObject { ["name"] = "first" };
        var path = builder.Root.Resource(Bucket, "b", inputs);
        inputs["name"] = "second";

        Assert.Equal("first", builder.Build()[path].Inputs["name"]!.GetValue<string>());
    }

    [Fact]
    public void Secret_leaves_survive_the_copy_and_are_masked_in_plain_json()
    {
        var secret = Secret.FromPlaintext("hunter2");
        var builder = new GraphBuilder("dev");
        var path = builder.Root.Resource("kubernetes:core/v1:Secret", "s", new JsonObject
        {
            ["stringData"] = new JsonObject { ["password"] = InputTree.Leaf(secret) },
        });
        var node = builder.Build()[path];

        Assert.Same(secret, InputTree.AsSecret(node.Inputs["stringData"]!["password"]));
        var plain = InputTree.ToPlainJson(node.Inputs)!.ToJsonString();
        Assert.Contains(Secret.Mask, plain, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", plain, StringComparison.Ordinal);

        // Even an accidental serialization of the raw tree does not reveal it.
        Assert.DoesNotContain("hunter2", node.Inputs.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Secret.Mask, secret.ToString());
    }

    [Fact]
    public void Stack_and_component_outputs_are_recorded_once_each()
    {
        var builder = new GraphBuilder("dev");
        var component = builder.Root.Component("zcash-infra:index:X", "x");
        component.Output("bucketName", "b");
        builder.StackOutput("bucket", "b");
        Assert.Throws<GraphException>(() => builder.StackOutput("bucket", "c"));
        Assert.Throws<GraphException>(() => component.Output("bucketName", "c"));

        var graph = builder.Build();
        Assert.Equal("b", graph["dev/x"].Outputs.Single().Value!.GetValue<string>());
        Assert.Equal("bucket", graph.Outputs.Single().Name);
    }

    [Fact]
    public void Remote_components_are_only_registered_as_components()
    {
        var builder = new GraphBuilder("dev");
        Assert.Throws<GraphException>(() => builder.Root.Resource("kubernetes:yaml/v2:ConfigFile", "f", []));
        var path = builder.Root.RemoteComponent("kubernetes:yaml/v2:ConfigFile", "f", new JsonObject { ["file"] = "https://example.invalid/x.yaml" });
        Assert.Equal(NodeKind.Component, builder.Build()[path].Kind);
        Assert.Throws<GraphException>(() => builder.Root.RemoteComponent("gcp:storage/bucket:Bucket", "g", []));
    }
}
