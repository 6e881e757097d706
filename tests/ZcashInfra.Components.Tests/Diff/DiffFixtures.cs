using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.Tests.Diff;

/// <summary>Small stacks to diff: a Kubernetes provider, a component with a StatefulSet, a bucket.</summary>
internal static class DiffFixtures
{
    public const string NodeSetType = "zcash-infra:index:NodeSet";
    public const string StoreType = "zcash-infra:index:SnapshotStore";

    /// <summary>What a fixture stack is made of; each test changes one thing.</summary>
    public sealed record Shape
    {
        public string StackName { get; init; } = "dev";
        public int Replicas { get; init; } = 1;
        public string StorageSize { get; init; } = "30Gi";
        public string Image { get; init; } = "zfnd/zebra:6.3.0";
        public string BucketName { get; init; } = "zcash-dev-snapshots";
        public string BucketType { get; init; } = "gcp:storage/bucket:Bucket";
        public string NodeSetComponentType { get; init; } = NodeSetType;
        public bool WithMonitoring { get; init; }
        public bool WithLegacyConfig { get; init; } = true;
        public Secret? Kubeconfig { get; init; }
        public IReadOnlyList<string> IgnoreChanges { get; init; } = [];
    }

    public static ResourceGraph Stack(Shape shape)
    {
        var builder = new GraphBuilder(shape.StackName);
        var root = builder.Root;
        var gcp = StackProviders.DeclareGcp(root, "zcash-infra-dev", "us-central1");
        var kubernetes = StackProviders.DeclareKubernetes(root, shape.Kubeconfig, null);

        var nodes = root.Component(shape.NodeSetComponentType, "zebra-testnet");
        KubernetesObjects.Declare(nodes, "zebra-testnet-config", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = KubernetesObjects.Metadata("zebra-testnet", Namespaces.Zcash, "zebra", "zebra-testnet"),
            ["data"] = new JsonObject { ["zebrad.toml"] = "[network]\nnetwork = \"Testnet\"\n" },
        }, kubernetes);
        if (shape.WithLegacyConfig)
        {
            KubernetesObjects.Declare(nodes, "zebra-testnet-legacy", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = KubernetesObjects.Metadata("zebra-testnet-legacy", Namespaces.Zcash, "zebra", "zebra-testnet"),
                ["data"] = new JsonObject { ["note"] = "old" },
            }, kubernetes);
        }

        KubernetesObjects.Declare(nodes, "zebra-testnet-statefulset", StatefulSet(shape), kubernetes,
            new NodeOptions { IgnoreChanges = [.. shape.IgnoreChanges] });
        if (shape.WithMonitoring)
        {
            KubernetesObjects.Declare(nodes, "zebra-testnet-metrics", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = KubernetesObjects.Metadata("zebra-testnet-metrics", Namespaces.Zcash, "zebra", "zebra-testnet"),
                ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 9999 }) },
            }, kubernetes);
        }

        var store = root.Component(StoreType, "snapshots");
        store.Resource(shape.BucketType, "snapshots-bucket", new JsonObject
        {
            ["name"] = shape.BucketName,
            ["location"] = "US-CENTRAL1",
            ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "zcash-infra" },
        }, new NodeOptions { Provider = gcp });
        builder.StackOutput("snapshotBucket", shape.BucketName);
        return builder.Build();
    }

    public static JsonObject StatefulSet(Shape shape) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "StatefulSet",
        ["metadata"] = KubernetesObjects.Metadata("zebra-testnet", Namespaces.Zcash, "zebra", "zebra-testnet"),
        ["spec"] = new JsonObject
        {
            ["replicas"] = shape.Replicas,
            ["serviceName"] = "zebra-testnet",
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/instance"] = "zebra-testnet" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/instance"] = "zebra-testnet" } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "zebrad", ["image"] = shape.Image }),
                },
            },
            ["volumeClaimTemplates"] = new JsonArray(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "state" },
                ["spec"] = new JsonObject
                {
                    ["accessModes"] = new JsonArray("ReadWriteOnce"),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = shape.StorageSize } },
                },
            }),
        },
    };

    public static StackDiff Compare(Shape before, Shape after) =>
        GraphDiff.Compare(DiffSide.FromGraph(Stack(before)), DiffSide.FromGraph(Stack(after)));

    public static ResourceChange Entry(StackDiff diff, string path) => Assert.Single(diff.Entries, e => e.Path == path);
}
