using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;
using ZcashInfra.Infra.Binding;
using ZcashInfra.Stacks;
using ZcashInfra.Stacks.Loading;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashStackTests : IDisposable
{
    public void Dispose() => PulumiTestEnvironment.Clear();

    private static ResourceGraph OfflineGraph(string stack) =>
        ZcashEnvironment.Declare(stack, StackConfigFile.Load(RepoPaths.Root, stack).GetOrThrow());

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_program_registers_exactly_the_offline_graph(string stack)
    {
        PulumiTestEnvironment.UseStackFile(stack);
        var mocks = new RecordingMocks();
        var (_, outputs) = await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options(stack), () => ZcashStack.Declare());

        var graph = OfflineGraph(stack);
        Assert.Equal(
            graph.Nodes.Select(n => (n.Type, n.Name)).Order(),
            mocks.Resources.Select(r => (r.Type!, r.Name!)).Order());
        Assert.Equal(graph.Outputs.Select(o => o.Name).Order(), outputs.Keys.Order());
    }

    [Fact]
    public async Task Cloud_resources_use_the_explicit_provider_and_their_inputs_reach_the_engine_unchanged()
    {
        PulumiTestEnvironment.UseStackFile("prod");
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("prod"), () => ZcashStack.Declare());

        var bucket = mocks.Resources.Single(r => r.Type == "aws:s3/bucket:Bucket");
        Assert.Contains("pulumi:providers:aws::aws", bucket.Provider, StringComparison.Ordinal);
        Assert.Equal("zcash-infra-prod-snapshots", bucket.Inputs["bucket"]);
        Assert.Equal(false, bucket.Inputs["forceDestroy"]);

        var lifecycle = mocks.Resources.Single(r => r.Type == "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
        var rules = Assert.IsAssignableFrom<IEnumerable<object>>(lifecycle.Inputs["rules"]);
        var rule = Assert.IsAssignableFrom<IDictionary<string, object>>(rules.First());
        Assert.Equal(30.0, Convert.ToDouble(((IDictionary<string, object>)rule["noncurrentVersionExpiration"])["noncurrentDays"], System.Globalization.CultureInfo.InvariantCulture));

        var provider = mocks.Registered.Single(r => r.Type == "pulumi:providers:aws");
        Assert.Equal("us-east-1", provider.Inputs["region"]);
    }

    [Fact]
    public async Task Every_node_gets_its_parent_options_and_pinned_plugin_version()
    {
        PulumiTestEnvironment.UseStackFile("prod");
        var graph = OfflineGraph("prod");
        BoundGraph? bound = null;
        await Deployment.TestAsync(new RecordingMocks(), PulumiTestEnvironment.Options("prod"), () =>
        {
            bound = GraphBinder.Bind(graph);
            return bound.StackOutputs;
        });

        Assert.NotNull(bound);
        foreach (var node in graph.Nodes)
        {
            var options = bound!.Options[node.Path];
            Assert.Same(node.Parent is null ? null : bound.Resources[node.Parent], options.Parent);
            // Protect is true or null, never false: false would stop a child inheriting its parent's.
            Assert.Equal(node.Options.Protect ? true : null, options.Protect);
            Assert.Equal(node.Options.CustomTimeouts?.Create, options.CustomTimeouts?.Create);
            Assert.Equal(node.Options.CustomTimeouts?.Update, options.CustomTimeouts?.Update);
            Assert.Equal(node.Options.CustomTimeouts?.Delete, options.CustomTimeouts?.Delete);
            Assert.Equal(node.Options.RetainOnDelete, options.RetainOnDelete);
            Assert.Equal(node.Options.IgnoreChanges, options.IgnoreChanges);
            Assert.Equal(node.Options.Provider is null ? null : bound.Resources[node.Options.Provider], options.Provider);
            Output<ImmutableArray<Resource>> dependsOn = options.DependsOn;
            var dependencies = await OutputUtilities.GetValueAsync(dependsOn);
            Assert.Equal(node.Options.DependsOn.Select(d => bound.Resources[d]), dependencies);
            if (node.Kind == NodeKind.Resource)
            {
                Assert.Equal(ProviderPins.VersionOf(node.Package), options.Version);
                Assert.Equal(node.Options.DeleteBeforeReplace, ((CustomResourceOptions)options).DeleteBeforeReplace);
            }
        }

        var bucket = graph.Resources.Single(n => n.Type == "aws:s3/bucket:Bucket");
        Assert.True(bound!.Options[bucket.Path].Protect);
        Assert.IsType<GraphComponentResource>(bound.Resources["prod/snapshots"]);
        Assert.IsType<ProviderResource>(bound.Resources["prod/aws"]);
        Assert.Equal("7.48.0", bound.Options[bucket.Path].Version);
    }

    [Fact]
    public async Task Stack_outputs_carry_the_snapshot_bucket()
    {
        PulumiTestEnvironment.UseStackFile("dev");
        var (_, outputs) = await Deployment.TestAsync(new RecordingMocks(), PulumiTestEnvironment.Options("dev"), () => ZcashStack.Declare());
        Assert.Equal("gs://zcash-infra-dev-zcash-snapshots-dev", Assert.IsType<string>(outputs["snapshotBucketUrl"]));
    }

    [Fact]
    public async Task A_bad_configuration_registers_nothing_and_reports_every_problem()
    {
        PulumiTestEnvironment.Use(new Dictionary<string, JsonNode?>
        {
            ["zcash-infra:cloud"] = "gcp",
            ["zcash-infra:gcp"] = JsonNode.Parse("""{"project": "zcash-infra-dev", "region": "us-central1"}"""),
            ["zcash-infra:cluster"] = JsonNode.Parse("""{"name": "c"}"""),
            ["zcash-infra:nodeSets"] = JsonNode.Parse("""[{"name": "z", "network": "testnet", "version": "6.3.0", "replicas": 0}]"""),
            ["zcash-infra:snapshotz"] = JsonNode.Parse("""{}"""),
        });
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("dev"), () => ZcashStack.Declare()));

        Assert.Contains("zcash-infra:snapshotz: unknown key", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task A_second_problem_found_after_the_shape_check_is_still_reported_before_registration()
    {
        PulumiTestEnvironment.Use(new Dictionary<string, JsonNode?>
        {
            ["zcash-infra:cloud"] = "gcp",
            ["zcash-infra:gcp"] = JsonNode.Parse("""{"project": "zcash-infra-dev", "region": "us-central1"}"""),
            ["zcash-infra:cluster"] = JsonNode.Parse("""{"name": "c"}"""),
            ["zcash-infra:nodeSets"] = JsonNode.Parse("""[{"name": "z", "network": "testnet", "version": "6.3.0", "replicas": 0}]"""),
            ["zcash-infra:ciWorkers"] = JsonNode.Parse("""{"minWorkers": 3, "maxWorkers": 1}"""),
        });
        var mocks = new RecordingMocks();

        var error = (await Assert.ThrowsAnyAsync<Exception>(() =>
            Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("dev"), () => ZcashStack.Declare()))).ToString();

        Assert.Contains("zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0", error, StringComparison.Ordinal);
        Assert.Contains("zcash-infra:ciWorkers.maxWorkers: must be ≥ max(1, minWorkers = 3), got 1", error, StringComparison.Ordinal);
        Assert.Empty(mocks.Resources);
    }

    [Fact]
    public async Task A_secret_setting_becomes_a_pulumi_secret_and_reaches_the_engine()
    {
        const string kubeconfig = "apiVersion: v1\nkind: Config\n";
        PulumiTestEnvironment.Use(
            new Dictionary<string, JsonNode?>
            {
                ["zcash-infra:cloud"] = "existing",
                ["zcash-infra:cluster"] = new JsonObject { ["kubeconfig"] = kubeconfig, ["context"] = "lab" },
            },
            "zcash-infra:cluster");
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("lab"), () => ZcashStack.Declare());

        var provider = mocks.Registered.Single(r => r.Type == "pulumi:providers:kubernetes");
        Assert.Equal(kubeconfig, provider.Inputs["kubeconfig"]);
        Assert.Equal("lab", provider.Inputs["context"]);
    }

    [Fact]
    public async Task Secret_leaves_are_converted_to_secret_outputs()
    {
        await Deployment.TestAsync(new RecordingMocks(), PulumiTestEnvironment.Options("t"), async () =>
        {
            var converted = InputConverter.Convert(new JsonObject
            {
                ["password"] = InputTree.Leaf(Secret.FromPlaintext("hunter2")),
                ["nested"] = new JsonObject { ["token"] = InputTree.Leaf(Secret.FromPlaintext("t0k")) },
                ["replicas"] = 3,
                ["ratio"] = 0.5,
            });
            var password = Assert.IsType<Output<string>>(converted["password"]);
            Assert.True(await Output.IsSecretAsync(password));
            Assert.Equal("hunter2", await OutputUtilities.GetValueAsync(password));
            var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(converted["nested"]);
            Assert.True(await Output.IsSecretAsync(Assert.IsType<Output<string>>(nested["token"])));
            Assert.IsType<int>(converted["replicas"]);
            Assert.IsType<double>(converted["ratio"]);
        });
    }

    [Fact]
    public void A_secret_read_offline_cannot_be_registered()
    {
        var builder = new GraphBuilder("t");
        builder.Root.Resource("pulumi:providers:kubernetes", "k8s", new JsonObject { ["kubeconfig"] = InputTree.Leaf(Secret.FromCiphertext("v1:x")) });
        var e = Assert.Throws<GraphException>(() => GraphBinder.Check(builder.Build()));
        Assert.Contains("t/k8s: input kubeconfig is a secret without a value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_side_components_are_registered_remote_with_the_kubernetes_plugin_version()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        builder.Root.RemoteComponent("kubernetes:yaml/v2:ConfigFile", "tekton-pipelines", new JsonObject
        {
            ["file"] = "https://infra.tekton.dev/tekton-releases/pipeline/previous/v1.15.0/release.yaml",
        }, new NodeOptions { Provider = k8s });
        var graph = builder.Build();
        var mocks = new RecordingMocks();
        BoundGraph? bound = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("t"), () =>
        {
            bound = GraphBinder.Bind(graph);
            return bound.StackOutputs;
        });

        var registered = mocks.Resources.Single(r => r.Type == "kubernetes:yaml/v2:ConfigFile");
        Assert.Equal("https://infra.tekton.dev/tekton-releases/pipeline/previous/v1.15.0/release.yaml", registered.Inputs["file"]);
        Assert.Equal(ProviderPins.Kubernetes, bound!.Options["t/tekton-pipelines"].Version);
        Assert.Same(bound.Resources[k8s], bound.Options["t/tekton-pipelines"].Provider);
    }

    [Fact]
    public async Task DependsOn_and_other_options_are_mapped()
    {
        var builder = new GraphBuilder("t");
        var first = builder.Root.Resource("aws:s3/bucket:Bucket", "first", new JsonObject { ["bucket"] = "a" });
        var second = builder.Root.Resource("aws:s3/bucketVersioning:BucketVersioning", "second", new JsonObject
        {
            ["bucket"] = "a",
        }, new NodeOptions
        {
            DependsOn = [first],
            IgnoreChanges = ["tags"],
            DeleteBeforeReplace = true,
        });
        var graph = builder.Build();
        var mocks = new RecordingMocks();
        BoundGraph? bound = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("t"), () =>
        {
            bound = GraphBinder.Bind(graph);
            return bound.StackOutputs;
        });

        var options = (CustomResourceOptions)bound!.Options[second];
        Assert.True(options.DeleteBeforeReplace);
        Assert.Equal(["tags"], options.IgnoreChanges);
        Assert.Empty(options.Aliases);
        Assert.Equal("a", mocks.Resources.Single(r => r.Name == "second").Inputs["bucket"]);
    }
}
