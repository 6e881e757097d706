namespace ZcashInfra.Stacks.Tests.Settings;

public class SnapshotScheduleSettingsTests
{
    /// <summary>A zebrad testnet node set with RPC: what a testnet cut takes its version and tip from by default.</summary>
    private const string TestnetSet = "  zcash-infra:nodeSets:\n    - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true}\n";

    private static Stacks.Loading.SettingsResult Parse(string schedule, string sets = TestnetSet) =>
        StackYaml.WithBase(sets + "  zcash-infra:snapshotSchedule:\n" + schedule);

    /// <summary>Each case: the snapshotSchedule section (over a GCP base with a testnet zebrad set with RPC), and the exact error.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "    cron: '0 25 * * *'", "zcash-infra:snapshotSchedule.cron: '0 25 * * *' is not a valid schedule: hour: '25' is outside 0–23" },
        { "    enabled: true", "zcash-infra:snapshotSchedule.cuts: lists no cuts; add one (network, version, …) or set enabled: false" },
        { "    cuts: [{network: regtest, version: 6.3.0, target: {height: 5}}]", "zcash-infra:snapshotSchedule.cuts[0].network: regtest is a private chain that starts empty; it has no snapshots" },
        { "    cuts: [{network: mainnet, implementation: zcashd, version: 6.20.0, bootstrap: 'https://x/mainnet/snapshots.json', target: {height: 5}}]", "zcash-infra:snapshotSchedule.cuts[0].implementation: zcashd is end-of-life on mainnet (it halts at height 3,417,100); cut zebrad snapshots" },
        { "    cuts: [{network: testnet}, {network: testnet}]", "zcash-infra:snapshotSchedule.cuts[1].network: snapshot-testnet-zebrad is already declared by zcash-infra:snapshotSchedule.cuts[0] (one cut per network and implementation)" },
        { "    cuts: [{network: mainnet, target: {height: 5}}]", "zcash-infra:snapshotSchedule.cuts[0].version: is required: no zebrad node set on mainnet to take it from" },
        { "    cuts: [{network: testnet, version: latest}]", "zcash-infra:snapshotSchedule.cuts[0].version: must be a release version (the image tag) such as 6.3.0, got 'latest'" },
        { "    cuts: [{network: testnet, version: 8.0.0}]", "zcash-infra:snapshotSchedule.cuts[0].dbMajor: is required: the database major version of zebrad 8.0.0 is not known to this release" },
        { "    cuts: [{network: testnet, version: 6.3.0, dbMajor: 27}]", "zcash-infra:snapshotSchedule.cuts[0].dbMajor: zebrad 6.3.0 reads database major 28, got 27 (its snapshots would not fit the nodes)" },
        { "    cuts: [{network: testnet, cron: 'every night'}]", "zcash-infra:snapshotSchedule.cuts[0].cron: 'every night' is not a valid schedule: must have five fields (minute hour day-of-month month day-of-week), got 2" },
        { "    cuts: [{network: testnet, target: {blocksBehindTip: 500}}]", "zcash-infra:snapshotSchedule.cuts[0].target.blocksBehindTip: must be ≥ 1000 for zebrad: it finalizes (and stops at) a block only once the chain is 1000 blocks past it, got 500" },
        { "    cuts: [{network: testnet, target: {height: 5, blocksBehindTip: 2000}}]", "zcash-infra:snapshotSchedule.cuts[0].target.blocksBehindTip: set height or blocksBehindTip, not both" },
        { "    cuts: [{network: testnet, target: {height: 0}}]", "zcash-infra:snapshotSchedule.cuts[0].target.height: must be ≥ 1, got 0" },
        { "    cuts: [{network: testnet, target: {tipFrom: nowhere}}]", "zcash-infra:snapshotSchedule.cuts[0].target.tipFrom: must name a zebrad node set of this stack on testnet with rpc: true, got 'nowhere'" },
        { "    cuts: [{network: testnet, target: {height: 5, tipFrom: zebra-testnet}}]", "zcash-infra:snapshotSchedule.cuts[0].target.tipFrom: only applies without a fixed height" },
        { "    cuts: [{network: testnet, storage: {size: 40Gi}}]", "zcash-infra:snapshotSchedule.cuts[0].storage.size: must be at least 60Gi for zebrad on testnet (a state and its archive), got 40Gi" },
        { "    cuts: [{network: testnet, storage: {size: lots}}]", "zcash-infra:snapshotSchedule.cuts[0].storage.size: must be a Kubernetes quantity such as 800Gi, got 'lots'" },
        { "    cuts: [{network: testnet, storage: {storageClass: Fast_SSD}}]", "zcash-infra:snapshotSchedule.cuts[0].storage.storageClass: must be a storage class name (lowercase letters, digits, '-' and '.'), got 'Fast_SSD'" },
        { "    cuts: [{network: testnet, resources: {memory: 16Gi, memoryLimit: 8Gi}}]", "zcash-infra:snapshotSchedule.cuts[0].resources.memoryLimit: must be ≥ memory (16Gi), got 8Gi" },
        { "    cuts: [{network: testnet, deadlineHours: 0}]", "zcash-infra:snapshotSchedule.cuts[0].deadlineHours: must be between 0.1 and 72, got 0" },
        { "    cuts: [{network: testnet, bootstrap: 'gs://bucket/testnet/snapshots.json'}]", "zcash-infra:snapshotSchedule.cuts[0].bootstrap: must be an absolute https or http URL of a snapshots.json (the snapshot agent downloads over HTTP), got 'gs://bucket/testnet/snapshots.json'" },
        { "    cuts: [{network: testnet, implementation: zcashd, version: 6.20.0}]", "zcash-infra:snapshotSchedule.cuts[0].bootstrap: is required for zcashd: the Zcash Foundation publishes zebrad state only, and the first cut needs a snapshot to start from" },
        { "    cuts: [{network: testnet, zcashd: {txIndex: true}}]", "zcash-infra:snapshotSchedule.cuts[0].zcashd: only applies to zcashd cuts" },
        { "    cuts: [{network: testnet, dbMajor: 27}]", "zcash-infra:snapshotSchedule.cuts[0].dbMajor: zebrad 6.3.0 reads database major 28, got 27 (its snapshots would not fit the nodes)" },
        { "    cuts: [{network: testnet, ipfs: {}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.kuboApi: is required: the Kubo RPC API root the job adds each cut to, e.g. http://kubo.ipfs.svc.cluster.local:5001" },
        { "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001/api/v0'}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.kuboApi: must be an http(s) URL of a Kubo RPC API root, without path, credentials or query (e.g. http://kubo:5001), got 'http://kubo:5001/api/v0'" },
        { "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001', indexTo: 's3://other/ipfs'}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.indexTo: must be a gs:// store root the snapshot writer can write (this stack's cloud), got 's3://other/ipfs'" },
        { "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001', pinService: 'https://pin.example/psa'}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.pinToken: is required with pinService: the Secret key holding the provider's access token" },
        { "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001', pinToken: {name: pin, key: token}}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.pinToken: only applies with pinService" },
        { "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001', pinService: 'https://pin.example/psa', pinToken: {name: Pin_Token, key: token}}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.pinToken.name: must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, got 'Pin_Token'" },
        { "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001', token: x}}]", "zcash-infra:snapshotSchedule.cuts[0].ipfs.token: unknown key (expected one of: indexTo, kuboApi, kuboAuthorization, pinService, pinToken)" },
        { "    cuts: [{network: testnet, deadline: 2}]", "zcash-infra:snapshotSchedule.cuts[0].deadline: unknown key (expected one of: bootstrap, cron, dbMajor, deadlineHours, implementation, ipfs, network, resources, storage, target, version, volumeSnapshots, zcashd)" },
        { "    enabled: true\n    cuts: [{network: testnet, target: {height: 3000000}}]", "zcash-infra:snapshotSchedule.cuts[0].target.height: a fixed height cannot keep snapshots fresh on a schedule; use blocksBehindTip (and TARGET_HEIGHT for a one-off run), or set snapshotSchedule.enabled: false" },
        { "    enabled: true\n    maxAgeHours: 24\n    cuts: [{network: testnet}]", "zcash-infra:snapshotSchedule.cuts[0]: cannot keep snapshots within 24 h of the tip: at worst 47 h = 1000 blocks behind the tip (20.83 h at 75 s) + longest gap between runs of '0 3 * * *' (24 h) + starting deadline (0.17 h) + run deadline (2 h)" },
        { "    enabled: true\n    cron: '0 */1 * * *'\n    cuts: [{network: testnet}]", "zcash-infra:snapshotSchedule.cuts[0]: the deadline (2 h) is longer than the shortest gap between runs of '0 */1 * * *' (1 h): a run could still be going when the next is due, and Forbid would skip that one" },
        { "    enabled: true\n    maxAgeHours: 40\n    cuts: [{network: testnet, cron: '0 3 * * 1-5'}]", "zcash-infra:snapshotSchedule.cuts[0]: cannot keep snapshots within 40 h of the tip: at worst 95 h = 1000 blocks behind the tip (20.83 h at 75 s) + longest gap between runs of '0 3 * * 1-5' (72 h) + starting deadline (0.17 h) + run deadline (2 h)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_with_its_key_path(string schedule, string expected)
    {
        StackYaml.AssertReports(Parse(schedule), expected);
    }

    [Fact]
    public void Without_a_node_set_with_rpc_the_tip_source_must_be_named_or_a_height_given()
    {
        var result = Parse("    cuts: [{network: testnet}]", "  zcash-infra:nodeSets:\n    - {name: zebra-testnet, network: testnet, version: 6.3.0}\n");
        Assert.Equal(["zcash-infra:snapshotSchedule.cuts[0].target.tipFrom: is required without a fixed height, and no zebrad node set on testnet has rpc: true to read the tip from"], result.Errors);

        var fixedHeight = Parse("    cuts: [{network: testnet, target: {height: 3000000}}]", "  zcash-infra:nodeSets:\n    - {name: zebra-testnet, network: testnet, version: 6.3.0}\n");
        Assert.True(fixedHeight.IsValid, string.Join("\n", fixedHeight.Errors));
    }

    [Fact]
    public void An_existing_cluster_has_no_bucket_to_publish_to()
    {
        var result = StackYaml.Parse("  zcash-infra:cloud: existing\n" + TestnetSet + "  zcash-infra:snapshotSchedule:\n    cuts: [{network: testnet}]\n");
        Assert.Contains("zcash-infra:snapshotSchedule.cuts: need a snapshot bucket to publish to, which only a gcp or aws stack declares", result.Errors);
    }

    [Fact]
    public void A_valid_schedule_and_its_defaults()
    {
        var result = Parse("    enabled: true\n    cron: '30 2 * * *'\n    maxAgeHours: 48\n    cuts: [{network: testnet}]");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var schedule = result.GetOrThrow().SnapshotSchedule;
        var cut = Assert.Single(schedule.Cuts);
        Assert.Equal("snapshot-testnet-zebrad", cut.JobName);
        Assert.Equal(1000, cut.Depth);
        Assert.Equal(TimeSpan.FromHours(2), cut.Deadline);
        Assert.Null(cut.Version);

        var defaults = StackYaml.WithBase(string.Empty).GetOrThrow().SnapshotSchedule;
        Assert.False(defaults.Enabled);
        Assert.Equal("0 3 * * *", defaults.Cron);
        Assert.Equal(48, defaults.MaxAgeHours);
        Assert.Empty(defaults.Cuts);
    }

    [Fact]
    public void The_default_max_age_holds_a_daily_cut_on_either_network()
    {
        // Mainnet (25 s blocks, 4 h deadline): 6.94 + 24 + 0.17 + 4 = 35.11 h; testnet (timed at
        // 75 s, 2 h deadline): 20.83 + 24 + 0.17 + 2 = 47 h; the default is 48.
        var result = Parse("    enabled: true\n    cuts: [{network: mainnet}, {network: testnet}]",
            "  zcash-infra:nodeSets:\n    - {name: zebra-mainnet, network: mainnet, version: 6.3.0, rpc: true}\n    - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true}\n");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));

        var tighter = Parse("    enabled: true\n    maxAgeHours: 46\n    cuts: [{network: mainnet}, {network: testnet}]",
            "  zcash-infra:nodeSets:\n    - {name: zebra-mainnet, network: mainnet, version: 6.3.0, rpc: true}\n    - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true}\n");
        Assert.Equal(
            ["zcash-infra:snapshotSchedule.cuts[1]: cannot keep snapshots within 46 h of the tip: at worst 47 h = 1000 blocks behind the tip (20.83 h at 75 s) + longest gap between runs of '0 3 * * *' (24 h) + starting deadline (0.17 h) + run deadline (2 h)"],
            tighter.Errors);
    }

    [Fact]
    public void An_ipfs_cut_defaults_its_index_under_the_bucket_and_refuses_the_bucket_root()
    {
        var valid = Parse("    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo.ipfs.svc.cluster.local:5001'}}]");
        Assert.True(valid.IsValid, string.Join("\n", valid.Errors));
        var args = valid.Settings!.SnapshotSchedule.Cuts[0].Ipfs!.ToArgs("gs://b");
        Assert.Equal("gs://b/ipfs", args.IndexTo);
        Assert.Equal("ipfs+http://kubo.ipfs.svc.cluster.local:5001", args.Target);

        var root = StackYaml.WithBase(TestnetSet + "  zcash-infra:snapshots:\n    bucket: my-snapshots\n  zcash-infra:snapshotSchedule:\n"
            + "    cuts: [{network: testnet, ipfs: {kuboApi: 'http://kubo:5001', indexTo: 'gs://my-snapshots/'}}]");
        StackYaml.AssertReports(root, "zcash-infra:snapshotSchedule.cuts[0].ipfs.indexTo: must not be the snapshot bucket's root: its index lists the bucket's copies; use a prefix such as gs://my-snapshots/ipfs");
    }
}
