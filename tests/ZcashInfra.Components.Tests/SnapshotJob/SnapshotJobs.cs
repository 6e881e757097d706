using System.Text;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.SnapshotJob;

/// <summary>The snapshot jobs the golden renders are made of, and helpers to look inside a render.</summary>
internal static class SnapshotJobs
{
    public const string DevBucket = "gs://zcash-infra-dev-zcash-snapshots-dev";
    public const string ProdBucket = "s3://zcash-infra-prod-snapshots";
    public const string ProdPublic = "https://zcash-infra-prod-snapshots.s3.us-east-1.amazonaws.com/";

    /// <summary>dev: testnet zebrad daily, a private GCS bucket (restores bootstrap from the Foundation), the tip from the dev testnet set.</summary>
    public static SnapshotJobArgs ZebradTestnet(string provider) => new()
    {
        Release = new NodeRelease
        {
            Network = Network.Testnet,
            Version = "6.3.0",
        },
        Schedule = "30 2 * * *",
        Target = new SnapshotJobTarget { TipNodeSet = "zebra-testnet", TipRpcEndpoint = "zebra-testnet-rpc.zcash.svc.cluster.local:18232" },
        RestoreIndexes = [FoundationSnapshots.Index(Network.Testnet)!],
        Store = new SnapshotJobStore { BucketUrl = DevBucket, Keep = 3 },
        PeerGroup = NodeLabels.DefaultPeerGroup,
        MaxAge = TimeSpan.FromHours(48),
        Provider = provider,
    };

    /// <summary>prod: mainnet zebrad every 6 hours, a public S3 bucket (restores from ours or the Foundation's), a storage class.</summary>
    public static SnapshotJobArgs ZebradMainnet(string provider) => new()
    {
        Release = new NodeRelease
        {
            Network = Network.Mainnet,
            Version = "6.3.0",
        },
        Schedule = "0 */6 * * *",
        Target = new SnapshotJobTarget { TipNodeSet = "zebra-mainnet", TipRpcEndpoint = "zebra-mainnet-rpc.zcash.svc.cluster.local:8232" },
        RestoreIndexes = [new Uri(ProdPublic + "mainnet/snapshots.json"), FoundationSnapshots.Index(Network.Mainnet)!],
        Store = new SnapshotJobStore { BucketUrl = ProdBucket, PublicBaseUrl = new Uri(ProdPublic), S3Region = "us-east-1", Keep = 10 },
        StorageClass = "gp3",
        PeerGroup = NodeLabels.DefaultPeerGroup,
        MaxAge = TimeSpan.FromHours(18),
        Provider = provider,
    };

    /// <summary>The dev cut also published to an in-cluster Kubo node and pinned at a provider (the IPFS opt-in).</summary>
    public static SnapshotJobArgs ZebradTestnetIpfs(string provider) => ZebradTestnet(provider) with
    {
        Ipfs = new SnapshotJobIpfs
        {
            KuboApi = new Uri("http://kubo.ipfs.svc.cluster.local:5001"),
            IndexTo = DevBucket + "/ipfs",
            PinService = new Uri("https://pinning.example/psa"),
            PinToken = new SecretKeyRef("ipfs-pinning", "token"),
            KuboAuthorization = new SecretKeyRef("kubo-rpc", "authorization"),
        },
    };

    /// <summary>A zcashd testnet cut with index flags, restoring from the stack's own index only.</summary>
    public static SnapshotJobArgs ZcashdTestnet(string provider) => ZebradTestnet(provider) with
    {
        Release = new NodeRelease
        {
            Network = Network.Testnet,
            Implementation = NodeImplementation.Zcashd,
            Version = "6.20.0",
            Zcashd = new ZcashdOptions { TxIndex = true },
        },
        RestoreIndexes = [new Uri("https://snapshots.example.org/testnet/snapshots.json")],
        Deadline = TimeSpan.FromHours(3),
    };

    public static (ResourceGraph Graph, SnapshotJobOutputs Outputs) Declare(string name, Func<string, SnapshotJobArgs> args, Func<SnapshotJobArgs, SnapshotJobArgs>? change = null)
    {
        var builder = new GraphBuilder("test");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        var resolved = args(provider);
        var outputs = Components.SnapshotJob.SnapshotJobComponent.Declare(builder.Root, name, change is null ? resolved : change(resolved));
        return (builder.Build(), outputs);
    }

    public static GraphNode Single(ResourceGraph graph, string kind) => graph.Resources.Single(n => n.Type.EndsWith(":" + kind, StringComparison.Ordinal));

    public static JsonObject CronJobSpec(ResourceGraph graph) => Single(graph, "CronJob").Inputs["spec"]!.AsObject();

    public static JsonObject PodSpec(ResourceGraph graph) => CronJobSpec(graph)["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject Container(ResourceGraph graph, string name) =>
        PodSpec(graph)["initContainers"]!.AsArray().Concat(PodSpec(graph)["containers"]!.AsArray()).Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    public static string[] Names(JsonNode? containers) => [.. containers!.AsArray().Select(c => c!["name"]!.GetValue<string>())];

    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(a => a!.GetValue<string>())];

    /// <summary>The <c>sh -c</c> script of a container.</summary>
    public static string Script(ResourceGraph graph, string container)
    {
        var command = Strings(Container(graph, container)["command"]);
        Assert.Equal(["sh", "-c"], command[..2]);
        return command[2];
    }

    /// <summary>
    /// The words of one line of a script written by ShellWords: single-quoted words (with '\''
    /// escapes), double-quoted variables (replaced by <paramref name="variables"/>), bare words.
    /// </summary>
    public static List<string> Words(string line, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }

            var word = new StringBuilder();
            while (i < line.Length && line[i] != ' ')
            {
                if (line[i] == '\'')
                {
                    var end = line.IndexOf('\'', i + 1);
                    word.Append(line, i + 1, end - i - 1);
                    i = end + 1;
                }
                else if (line[i] == '"')
                {
                    var end = line.IndexOf('"', i + 1);
                    var inner = line[(i + 1)..end];
                    word.Append(inner.StartsWith('$') ? variables[inner[1..]] : inner);
                    i = end + 1;
                }
                else if (line[i] == '\\')
                {
                    word.Append(line[i + 1]);
                    i += 2;
                }
                else
                {
                    word.Append(line[i++]);
                }
            }

            words.Add(word.ToString());
        }

        return words;
    }
}
