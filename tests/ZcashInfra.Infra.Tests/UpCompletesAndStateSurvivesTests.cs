using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Infra.Binding;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

/// <summary>
/// What reaches the engine so that `pulumi up` completes and prod's state survives: the await
/// annotations and custom timeouts, the provider's context, protection that children can inherit,
/// and wrapper outputs that wait for the resources they describe.
/// </summary>
[Collection(PulumiCollection.Name)]
public sealed class UpCompletesAndStateSurvivesTests : IDisposable
{
    public void Dispose() => PulumiTestEnvironment.Clear();

    [Fact]
    public async Task Node_sets_reach_the_engine_waiting_only_for_their_controller_with_a_delete_limit()
    {
        PulumiTestEnvironment.UseStackFile("prod");
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("prod"), () => ZcashStack.Declare());

        // prod's two node sets and its Buildbot workers (a StatefulSet too, for stable worker names).
        var statefulSets = mocks.Resources.Where(r => r.Type == "kubernetes:apps/v1:StatefulSet").ToList();
        var names = statefulSets.Select(s => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(s.Inputs["metadata"])["name"].ToString()).ToList();
        Assert.Equal(["buildbot-worker", "zebra-mainnet", "zebra-testnet"], names.Order(StringComparer.Ordinal));
        foreach (var set in statefulSets)
        {
            var metadata = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(set.Inputs["metadata"]);
            var annotations = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(metadata["annotations"]);
            Assert.Equal(AwaitBehaviour.ControllerObserved, annotations[AwaitBehaviour.WaitForAnnotation]);
        }
    }

    [Fact]
    public async Task Custom_timeouts_of_the_graph_become_the_engines_custom_timeouts()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", new JsonObject { ["context"] = "lab" });
        var workers = builder.Root.Resource("kubernetes:apps/v1:Deployment", "workers", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "workers" },
        }, new NodeOptions { Provider = k8s, CustomTimeouts = new GraphTimeouts(Update: TimeSpan.FromMinutes(20), Delete: TimeSpan.FromMinutes(125)) });
        var graph = builder.Build();
        BoundGraph? bound = null;
        await Deployment.TestAsync(new RecordingMocks(), PulumiTestEnvironment.Options("t"), () =>
        {
            bound = GraphBinder.Bind(graph);
            return bound.StackOutputs;
        });

        var timeouts = bound!.Options[workers].CustomTimeouts;
        Assert.NotNull(timeouts);
        Assert.Null(timeouts.Create);
        Assert.Equal(TimeSpan.FromMinutes(20), timeouts.Update);
        Assert.Equal(TimeSpan.FromMinutes(125), timeouts.Delete);
        Assert.Null(bound.Options[k8s].CustomTimeouts);
    }

    [Theory]
    [InlineData("prod", "arn:aws:eks:us-east-1:123456789012:cluster/zcash-prod")]
    [InlineData("dev", "gke_zcash-infra-dev_us-central1_zcash-dev")]
    public async Task The_kubernetes_provider_is_registered_with_the_clusters_context(string stack, string context)
    {
        PulumiTestEnvironment.UseStackFile(stack);
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options(stack), () => ZcashStack.Declare());

        var provider = mocks.Registered.Single(r => r.Type == "pulumi:providers:kubernetes");
        Assert.Equal(context, provider.Inputs["context"]);
        // Provider-side components (release manifests) receive it in the providers map, which the mocks do not show.
        var kubernetes = mocks.Resources.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) && !TypeTokens.IsRemoteComponent(r.Type)).ToList();
        Assert.NotEmpty(kubernetes);
        Assert.All(kubernetes, r => Assert.Contains("pulumi:providers:kubernetes::kubernetes", r.Provider, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prod_protects_its_namespaces_and_its_node_state_class()
    {
        PulumiTestEnvironment.UseStackFile("prod");
        BoundGraph? bound = null;
        var graph = Stacks.ZcashEnvironment.Declare("prod", Stacks.Loading.StackConfigFile.Load(ZcashInfra.Tests.Shared.RepoPaths.Root, "prod").GetOrThrow());
        await Deployment.TestAsync(new RecordingMocks(), PulumiTestEnvironment.Options("prod"), () =>
        {
            bound = GraphBinder.Bind(graph);
            return bound.StackOutputs;
        });

        foreach (var path in new[] { "prod/namespace-zcash", "prod/namespace-zcash-ci", "prod/node-state-storage" })
        {
            Assert.True(bound!.Options[path].Protect, path);
            Assert.True(bound.Options[path].RetainOnDelete, path);
        }
    }

    [Fact]
    public async Task Unprotected_children_leave_protect_unset_so_a_callers_protect_on_the_wrapper_reaches_them()
    {
        var builder = new GraphBuilder("t");
        var aws = builder.Root.Resource("pulumi:providers:aws", "aws", new JsonObject { ["region"] = "eu-west-1" });
        var bucket = builder.Root.Resource("aws:s3/bucket:Bucket", "bucket", new JsonObject { ["bucket"] = "b" }, new NodeOptions { Provider = aws });
        var kept = builder.Root.Resource("aws:s3/bucket:Bucket", "kept", new JsonObject { ["bucket"] = "k" }, NodeOptions.ProtectState(true) with { Provider = aws });
        var graph = builder.Build();
        BoundGraph? bound = null;
        await Deployment.TestAsync(new RecordingMocks(), PulumiTestEnvironment.Options("t"), () =>
        {
            // The SDK fills a null Protect from the parent (options.Protect ??= parent._protect,
            // pulumi/pulumi-dotnet sdk/Pulumi/Resources/Resource.cs); an explicit false would win.
            var wrapper = new GraphComponentResource("zcash-infra:index:Test", "wrapper", new ComponentResourceOptions { Protect = true });
            bound = GraphBinder.Bind(graph, root: wrapper);
            return bound.StackOutputs;
        });

        Assert.Null(bound!.Options[bucket].Protect);
        Assert.True(bound.Options[kept].Protect);
    }

    [Fact]
    public async Task Wrapper_outputs_depend_on_the_resources_they_describe()
    {
        var mocks = new RecordingMocks();
        ZcashSnapshotStore? store = null;
        ZcashNodeSet? nodes = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            store = new ZcashSnapshotStore("archive", new SnapshotStoreArgs { Cloud = Cloud.Aws, BucketName = "my-zcash-archive", Location = "eu-west-1" });
            nodes = new ZcashNodeSet("zebra", new NodeSetArgs { Release = new() { Network = ZcashInfra.Components.Zcash.Network.Testnet, Version = "6.3.0" } });
            return new Dictionary<string, object?> { ["bucket"] = store.BucketName };
        });

        var bucketDependencies = await OutputUtilities.GetDependenciesAsync(store!.BucketName);
        Assert.Contains(bucketDependencies, r => r is CustomResource && r.GetResourceName() == "archive-bucket");
        Assert.Equal("my-zcash-archive", await OutputUtilities.GetValueAsync(store.BucketName));

        var setDependencies = await OutputUtilities.GetDependenciesAsync(nodes!.StatefulSetName);
        Assert.Contains(setDependencies, r => r.GetResourceName() == "zebra-statefulset");
        Assert.Equal("zebra", await OutputUtilities.GetValueAsync(nodes.StatefulSetName));
    }
}
