using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Stacks.Tests.Settings;

public class NodeSetSettingsTests
{
    private const string Sha = "0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62";

    /// <summary>Each case: one node set (a YAML flow mapping) on top of a valid GCP base, and the exact error it must produce.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "{name: a, network: testnet, version: 6.3.0, replicas: 0}", "zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0" },
        { "{name: a, network: testnet, version: 6.3.0, replicaz: 2}", "zcash-infra:nodeSets[0].replicaz: unknown key (expected one of: dbMajor, image, imageDigest, implementation, monitoring, name, network, peerGroup, replicas, resources, rollout, rpc, rpcPassword, snapshot, storage, version, zcashd)" },
        { "{name: a, network: testnet, version: 6.3.0, replicas: two}", "zcash-infra:nodeSets[0].replicas: must be a whole number, got 'two'" },
        { "{name: a, network: devnet, version: 6.3.0}", "zcash-infra:nodeSets[0].network: must be one of mainnet, testnet, regtest, got 'devnet'" },
        { "{name: a, version: 6.3.0}", "zcash-infra:nodeSets[0].network: is required" },
        { "{name: A_b, network: testnet, version: 6.3.0}", "zcash-infra:nodeSets[0].name: must be 1–63 lowercase letters, digits or '-', starting with a letter and not ending with '-', got 'A_b'" },
        { $"{{name: {new string('a', 53)}, network: testnet, version: 6.3.0}}", "zcash-infra:nodeSets[0].name: must be at most 52 characters (pods carry '<name>-<revision hash>' labels, limited to 63), got 53" },
        { "{name: a, network: testnet, version: latest}", "zcash-infra:nodeSets[0].version: must be a release version (the image tag) such as 6.3.0, got 'latest'" },
        { "{name: m, network: mainnet, implementation: zcashd, version: 6.20.0}", "zcash-infra:nodeSets[0].implementation: zcashd is end-of-life on mainnet (it halts at height 3,417,100); use zebrad, or run zcashd as Zebra's compat sidecar (zcashd.compatWith)" },
        { "{name: a, network: testnet, version: 6.3.0, snapshot: {index: 'https://x/s.json', url: 'https://x/a.tar.zst'}}", "zcash-infra:nodeSets[0].snapshot: set exactly one of index or url" },
        { "{name: a, network: testnet, version: 6.3.0, snapshot: {url: 'ftp://x/a.tar.zst'}}", "zcash-infra:nodeSets[0].snapshot.url: must be an absolute https, http, gs or s3 URL, got 'ftp://x/a.tar.zst'" },
        { "{name: a, network: testnet, version: 6.3.0, snapshot: {index: 'file:///srv/testnet/snapshots.json'}}", "zcash-infra:nodeSets[0].snapshot.index: must be an absolute https, http, gs or s3 URL, got 'file:///srv/testnet/snapshots.json'" },
        { "{name: a, network: testnet, version: 6.3.0, snapshot: {url: 'https://x/a.tar.zst', sha256: abc}}", "zcash-infra:nodeSets[0].snapshot.sha256: must be 64 hex digits" },
        { "{name: a, network: testnet, version: 6.3.0, snapshot: {url: 'https://x/a.tar.zst', height: 100}}", "zcash-infra:nodeSets[0].snapshot.height: needs an index to choose the entry from (a url names one archive already)" },
        { "{name: a, network: testnet, version: 6.3.0, snapshot: {index: 'https://x/s.json', height: -5}}", "zcash-infra:nodeSets[0].snapshot.height: must be ≥ 0, got -5" },
        { "{name: a, network: regtest, version: 6.3.0, snapshot: {index: 'https://x/s.json'}}", "zcash-infra:nodeSets[0].snapshot: regtest starts from an empty chain; it has no snapshots" },
        { "{name: a, network: testnet, version: 6.3.0, dbMajor: 27}", "zcash-infra:nodeSets[0].dbMajor: zebrad 6.3.0 reads database major 28, got 27 (a state of another major is ignored and the node syncs from genesis)" },
        { "{name: a, network: testnet, version: 8.0.0}", "zcash-infra:nodeSets[0].dbMajor: is required: the database major version of zebrad 8.0.0 is not known to this release" },
        { "{name: a, network: regtest, implementation: zcashd, version: 6.20.0, dbMajor: 1}", "zcash-infra:nodeSets[0].dbMajor: only applies to zebrad (zcashd snapshots record state format 1)" },
        { "{name: a, network: mainnet, version: 6.3.0, storage: {size: 100Gi}}", "zcash-infra:nodeSets[0].storage.size: must be at least 300Gi for zebrad on mainnet, got 100Gi" },
        { "{name: a, network: testnet, version: 6.3.0, storage: {size: 20G}}", "zcash-infra:nodeSets[0].storage.size: must be at least 30Gi for zebrad on testnet, got 20G" },
        { "{name: a, network: testnet, version: 6.3.0, storage: {size: big}}", "zcash-infra:nodeSets[0].storage.size: must be a Kubernetes quantity such as 400Gi, got 'big'" },
        { "{name: a, network: testnet, version: 6.3.0, storage: {storageClass: Fast_SSD}}", "zcash-infra:nodeSets[0].storage.storageClass: must be a storage class name (lowercase letters, digits, '-' and '.'), got 'Fast_SSD'" },
        { "{name: a, network: testnet, version: 6.3.0, storage: {sizeGb: 50}}", "zcash-infra:nodeSets[0].storage.sizeGb: unknown key (expected one of: size, storageClass)" },
        { "{name: a, network: testnet, version: 6.3.0, resources: {cpu: lots}}", "zcash-infra:nodeSets[0].resources.cpu: must be a positive Kubernetes quantity such as 4 or 16Gi, got 'lots'" },
        { "{name: a, network: testnet, version: 6.3.0, resources: {memory: 16Gi, memoryLimit: 8Gi}}", "zcash-infra:nodeSets[0].resources.memoryLimit: must be ≥ memory (16Gi), got 8Gi" },
        { "{name: a, network: testnet, version: 6.3.0, resources: {cpu: '4', cpuLimit: 2000m}}", "zcash-infra:nodeSets[0].resources.cpuLimit: must be ≥ cpu (4), got 2000m" },
        { "{name: a, network: testnet, version: 6.3.0, replicas: 2, rollout: {partition: 3}}", "zcash-infra:nodeSets[0].rollout.partition: must be between 0 and replicas (2), got 3" },
        { "{name: a, network: testnet, version: 6.3.0, rollout: {podManagementPolicy: serial}}", "zcash-infra:nodeSets[0].rollout.podManagementPolicy: must be one of orderedReady, parallel, got 'serial'" },
        { "{name: a, network: testnet, version: 6.3.0, image: 'zfnd/zebra:6.3.0'}", "zcash-infra:nodeSets[0].image: must be a repository without tag or digest (version and imageDigest pin it), got 'zfnd/zebra:6.3.0'" },
        { "{name: a, network: testnet, version: 6.3.0, imageDigest: 'sha256:XYZ'}", "zcash-infra:nodeSets[0].imageDigest: must be sha256: followed by 64 lowercase hex digits, got 'sha256:XYZ'" },
        { "{name: a, network: testnet, version: 6.3.0, peerGroup: Chain_A}", "zcash-infra:nodeSets[0].peerGroup: must be a DNS label of at most 40 characters (it names the peers Service), got 'Chain_A'" },
        { "{name: a, network: testnet, version: 6.3.0, rpc: true, rpcPassword: {secure: v1:abc}}", "zcash-infra:nodeSets[0].rpcPassword: zebrad has no RPC password (only a cookie it regenerates on every start); its RPC is limited to labelled clients by the NetworkPolicy" },
        { "{name: a, network: regtest, implementation: zcashd, version: 6.20.0, rpcPassword: {secure: v1:abc}}", "zcash-infra:nodeSets[0].rpcPassword: needs rpc: true" },
        { "{name: a, network: regtest, implementation: zcashd, version: 6.20.0, rpc: true, rpcPassword: plain}", "zcash-infra:nodeSets[0].rpcPassword: must be a secret: set it with `pulumi config set --secret --path nodeSets[0].rpcPassword <value>`" },
        { "{name: a, network: regtest, implementation: zcashd, version: 6.20.0, monitoring: true}", "zcash-infra:nodeSets[0].monitoring: is for zebrad node sets (zcashd exposes no metrics endpoint this project configures)" },
        { "{name: a, network: testnet, version: 6.3.0, zcashd: {txIndex: true}}", "zcash-infra:nodeSets[0].zcashd: only applies to zcashd node sets" },
        { "{name: a, network: mainnet, implementation: zcashd, version: 6.20.0, zcashd: {compatWith: nowhere}}", "zcash-infra:nodeSets[0].zcashd.compatWith: must name a zebrad node set of this stack on mainnet, got 'nowhere'" },
        { "{name: a, network: testnet, version: 6.3.0}\n    - {name: a, network: regtest, version: 6.3.0}", "zcash-infra:nodeSets[1].name: 'a' is already used by zcash-infra:nodeSets[0]" },
    };

    private static Stacks.Loading.SettingsResult Parse(string sets) => StackYaml.WithBase("  zcash-infra:nodeSets:\n    - " + sets);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_with_its_key_path(string set, string expected)
    {
        StackYaml.AssertReports(Parse(set), expected);
    }

    [Fact]
    public void A_list_is_required()
    {
        Assert.Contains("zcash-infra:nodeSets: must be a list, got an object", StackYaml.WithBase("  zcash-infra:nodeSets: {name: a}").Errors);
    }

    [Fact]
    public void A_compat_zcashd_must_follow_a_zebrad_set_of_its_own_network()
    {
        var valid = Parse("{name: zebra, network: mainnet, version: 6.3.0}\n    - {name: compat, network: mainnet, implementation: zcashd, version: 6.20.0, zcashd: {compatWith: zebra}}");
        Assert.True(valid.IsValid, string.Join("\n", valid.Errors));

        var wrongNetwork = Parse("{name: zebra, network: testnet, version: 6.3.0}\n    - {name: compat, network: mainnet, implementation: zcashd, version: 6.20.0, zcashd: {compatWith: zebra}}");
        Assert.Equal(["zcash-infra:nodeSets[1].zcashd.compatWith: must name a zebrad node set of this stack on mainnet, got 'zebra'"], wrongNetwork.Errors);
    }

    [Fact]
    public void Every_setting_is_read_and_defaults_fill_the_rest()
    {
        var settings = Parse($$$"""
            {name: full, network: testnet, version: 6.3.0, image: registry.example/zebra, imageDigest: 'sha256:{{{Sha}}}', dbMajor: 28,
                   replicas: 3, rpc: true, monitoring: true, peerGroup: canary,
                   snapshot: {index: 'https://snapshots.zfnd.org/testnet/snapshots.json', sha256: {{{Sha}}}, height: 3000000},
                   storage: {size: 60Gi, storageClass: premium-rwo},
                   resources: {cpu: '3', memory: 12Gi, cpuLimit: '6', memoryLimit: 14Gi},
                   rollout: {partition: 2, podManagementPolicy: orderedReady}}
                - {name: small, network: regtest, implementation: zcashd, version: 6.20.0, zcashd: {txIndex: true, lightwalletd: true}}
            """).GetOrThrow();
        var full = settings.NodeSets[0];
        Assert.Equal("registry.example/zebra", full.Image);
        Assert.Equal(28, full.DbMajor);
        Assert.Equal(3_000_000, full.Snapshot!.Height);
        Assert.Equal("60Gi", full.Storage.Size);
        Assert.Equal("premium-rwo", full.Storage.StorageClass);
        Assert.Equal(new NodeResources("3", "12Gi", "6", "14Gi"), full.Resources.Resolve(full.Network));
        Assert.Equal(2, full.Rollout.Partition);
        Assert.Equal(PodManagement.OrderedReady, full.Rollout.PodManagementPolicy);
        Assert.Equal("canary", full.PeerGroup);

        var small = settings.NodeSets[1];
        Assert.Null(small.Storage.Size);
        Assert.Equal(NodeSizing.DefaultResources(Network.Regtest), small.Resources.Resolve(Network.Regtest));
        Assert.Equal(0, small.Rollout.Partition);
        Assert.Equal(PodManagement.Parallel, small.Rollout.PodManagementPolicy);
        Assert.Equal(NodeLabels.DefaultPeerGroup, small.PeerGroup);
        Assert.Equal(new ZcashdOptions { TxIndex = true, Lightwalletd = true }, small.Zcashd!.ToArgs());
    }

    [Fact]
    public void Several_problems_of_one_set_are_reported_together()
    {
        var result = Parse("{name: a, network: mainnet, version: 6.3.0, replicas: 2, storage: {size: 10Gi}, rollout: {partition: 5}, dbMajor: 27}");
        Assert.Equal(
        [
            "zcash-infra:nodeSets[0].dbMajor: zebrad 6.3.0 reads database major 28, got 27 (a state of another major is ignored and the node syncs from genesis)",
            "zcash-infra:nodeSets[0].storage.size: must be at least 300Gi for zebrad on mainnet, got 10Gi",
            "zcash-infra:nodeSets[0].rollout.partition: must be between 0 and replicas (2), got 5",
        ], result.Errors);
    }
}
