using System.Text.Json.Nodes;
using Moq;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Automation.Tests;

public class EphemeralEnvironmentsTests
{
    private static readonly EphemeralNodeRequest Testnet = new()
    {
        Release = new NodeRelease { Network = Network.Testnet, Version = "6.3.0" },
        SnapshotIndex = "https://snapshots.example/testnet/snapshots.json",
        Height = 3_100_000,
        Owner = "CI Job #42",
    };

    private static readonly Dictionary<string, StackOutput> ReadyOutputs = new()
    {
        [EphemeralEnvironments.RpcEndpointsOutput] = new StackOutput(new Dictionary<string, object> { ["node"] = "node-0.node.zcash.svc.cluster.local:18232" }, false),
    };

    private sealed class Fixture
    {
        public Mock<IStackWorkspace> Workspace { get; } = new(MockBehavior.Strict);

        public Mock<IStackSession> Stack { get; } = new(MockBehavior.Strict);

        public List<string> Progress { get; } = [];

        public Fixture(string name = "eph-ci-job-42-testnet-3100000-abc123")
        {
            Stack.SetupGet(s => s.Name).Returns(name);
            Workspace.Setup(w => w.CreateOrSelectAsync(name, It.IsAny<CancellationToken>())).ReturnsAsync(Stack.Object);
            Workspace.Setup(w => w.SelectAsync(name, It.IsAny<CancellationToken>())).ReturnsAsync((IStackSession?)Stack.Object);
        }

        public EphemeralEnvironments Create() => new(Workspace.Object, Progress.Add, () => "abc123");
    }

    [Fact]
    public void Stack_names_say_what_the_environment_is_and_are_safe_for_pulumi()
    {
        Assert.Equal("eph-ci-job-42-testnet-3100000-abc123", EphemeralEnvironments.StackName(Testnet, "abc123"));
        var name = EphemeralEnvironments.StackName(Testnet with { Height = null, Owner = "ünïcode/é" }, "Z9");
        Assert.Matches("^eph-[a-z0-9-]+-testnet-latest-z9$", name);
        Assert.True(EphemeralEnvironments.StackName(Testnet with { Owner = new string('a', 500) }, "x").Length <= 100);
    }

    [Fact]
    public void Configuration_is_a_valid_stack_with_one_rpc_node_seeded_at_the_height()
    {
        var config = EphemeralEnvironments.Configuration(Testnet with { KubeContext = "ci-cluster" }, "eph-ci-job-42-testnet-3100000-abc123");
        Assert.Equal("existing", config["zcash-infra:cloud"].Value);
        var nodeSet = JsonNode.Parse(config["zcash-infra:nodeSets"].Value)!.AsArray().Single()!;
        Assert.Equal("node", nodeSet["name"]!.GetValue<string>());
        Assert.True(nodeSet["rpc"]!.GetValue<bool>());
        Assert.Equal(3_100_000, nodeSet["snapshot"]!["height"]!.GetValue<long>());
        Assert.Equal("ci-cluster", JsonNode.Parse(config["zcash-infra:cluster"].Value)!["context"]!.GetValue<string>());
        Assert.DoesNotContain(config.Values, v => v.Secret);

        // The same configuration, read as the program reads it, passes the stack's own validation.
        var keys = config.Select(kv => KeyValuePair.Create(kv.Key["zcash-infra:".Length..], (JsonNode?)JsonValue.Create(kv.Value.Value)));
        var result = SettingsReader.Read("eph", keys, SecretSource.Engine);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_pinned_release_is_written_as_the_node_set_keys_and_passes_the_stack_validation()
    {
        var pinned = Testnet with
        {
            Release = new NodeRelease
            {
                Network = Network.Testnet,
                Implementation = NodeImplementation.Zcashd,
                Version = "6.20.0",
                Image = "registry.example/zcashd",
                ImageDigest = "sha256:" + new string('a', 64),
                Zcashd = new ZcashdOptions { TxIndex = true },
            },
        };
        var config = EphemeralEnvironments.Configuration(pinned, "eph-ci-job-42-testnet-3100000-abc123");
        var nodeSet = JsonNode.Parse(config["zcash-infra:nodeSets"].Value)!.AsArray().Single()!;
        Assert.Equal(
            ("testnet", "zcashd", "6.20.0", "registry.example/zcashd", "sha256:" + new string('a', 64), true),
            (nodeSet["network"]!.GetValue<string>(), nodeSet["implementation"]!.GetValue<string>(), nodeSet["version"]!.GetValue<string>(),
                nodeSet["image"]!.GetValue<string>(), nodeSet["imageDigest"]!.GetValue<string>(), nodeSet["zcashd"]!["txIndex"]!.GetValue<bool>()));
        Assert.Null(nodeSet["dbMajor"]);

        var keys = config.Select(kv => KeyValuePair.Create(kv.Key["zcash-infra:".Length..], (JsonNode?)JsonValue.Create(kv.Value.Value)));
        var result = SettingsReader.Read("eph", keys, SecretSource.Engine);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(pinned.Release, result.Settings!.NodeSets.Single().Release);
    }

    [Fact]
    public async Task A_release_the_stack_would_refuse_is_refused_with_the_same_words_before_anything_is_created()
    {
        var fixture = new Fixture();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Create().CreateAsync(Testnet with { Release = Testnet.Release with { Version = "latest" } }));
        Assert.StartsWith("the release cannot run: version: must be a release version (the image tag) such as 6.3.0, got 'latest'", e.Message, StringComparison.Ordinal);
        fixture.Workspace.Verify(w => w.CreateOrSelectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(Network.Mainnet, "https://x/i.json", null, "mainnet")]
    [InlineData(Network.Testnet, null, 5L, "needs a snapshot index")]
    [InlineData(Network.Regtest, "https://x/i.json", null, "regtest")]
    public async Task Impossible_requests_are_refused_before_anything_is_created(Network network, string? index, long? height, string message)
    {
        var fixture = new Fixture();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Create().CreateAsync(Testnet with { Release = Testnet.Release with { Network = network }, SnapshotIndex = index, Height = height }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        fixture.Workspace.Verify(w => w.CreateOrSelectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Create_configures_brings_up_and_returns_the_rpc_endpoint_streaming_progress()
    {
        var fixture = new Fixture();
        IReadOnlyDictionary<string, ConfigSetting>? applied = null;
        fixture.Stack.Setup(s => s.SetConfigAsync(It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyDictionary<string, ConfigSetting>, CancellationToken>((c, _) => applied = c)
            .Returns(Task.CompletedTask);
        fixture.Stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()))
            .Callback<Action<string>, CancellationToken>((p, _) => p("engine: creating node-0"))
            .ReturnsAsync(ReadyOutputs);

        var node = await fixture.Create().CreateAsync(Testnet);

        Assert.Equal("eph-ci-job-42-testnet-3100000-abc123", node.StackName);
        Assert.Equal("node-0.node.zcash.svc.cluster.local:18232", node.RpcEndpoint);
        Assert.Equal(EphemeralEnvironments.Configuration(Testnet, node.StackName).Keys.Order(), applied!.Keys.Order());
        Assert.Equal("eph-ci-job-42-testnet-3100000-abc123", applied["zcash-infra:namespace"].Value);
        Assert.Contains("engine: creating node-0", fixture.Progress);
        fixture.Stack.Verify(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_failed_up_tears_the_environment_down_and_rethrows_the_original_error()
    {
        var fixture = new Fixture();
        var sequence = new MockSequence();
        fixture.Stack.Setup(s => s.SetConfigAsync(It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("image pull failed"));
        fixture.Stack.InSequence(sequence).Setup(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Workspace.InSequence(sequence).Setup(w => w.RemoveAsync("eph-ci-job-42-testnet-3100000-abc123", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Create().CreateAsync(Testnet));

        Assert.Equal("image pull failed", e.Message);
        fixture.Stack.Verify(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        fixture.Workspace.Verify(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_stack_without_the_rpc_output_is_torn_down_with_a_clear_error()
    {
        var fixture = new Fixture();
        fixture.Stack.Setup(s => s.SetConfigAsync(It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, StackOutput>());
        fixture.Stack.Setup(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Workspace.Setup(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Create().CreateAsync(Testnet));
        Assert.Contains("rpcEndpoints.node", e.Message, StringComparison.Ordinal);
        fixture.Workspace.Verify(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task When_destroy_fails_the_stack_is_kept_and_the_error_names_it()
    {
        var fixture = new Fixture();
        fixture.Stack.Setup(s => s.SetConfigAsync(It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("quota exceeded"));
        fixture.Stack.Setup(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("cluster unreachable"));

        var e = await Assert.ThrowsAsync<AggregateException>(() => fixture.Create().CreateAsync(Testnet));

        Assert.Contains("ephemeral down eph-ci-job-42-testnet-3100000-abc123", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.InnerExceptions, x => x.Message == "quota exceeded");
        fixture.Workspace.Verify(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Use_always_tears_down_even_when_the_callers_work_fails()
    {
        var fixture = new Fixture();
        fixture.Stack.Setup(s => s.SetConfigAsync(It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(ReadyOutputs);
        fixture.Stack.Setup(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        fixture.Workspace.Setup(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<TimeoutException>(() => fixture.Create().UseAsync<int>(Testnet, _ => throw new TimeoutException("rpc test")));
        Assert.Equal(42, await fixture.Create().UseAsync(Testnet, node => Task.FromResult(node.RpcEndpoint.Length > 0 ? 42 : 0)));

        fixture.Stack.Verify(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        fixture.Workspace.Verify(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Only_ephemeral_stacks_can_be_torn_down_through_it()
    {
        var fixture = new Fixture();
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Create().DestroyAsync("prod"));
        fixture.Workspace.Verify(w => w.CreateOrSelectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        fixture.Workspace.Verify(w => w.SelectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Down_of_an_unknown_environment_is_a_clear_error_that_creates_and_removes_nothing()
    {
        var workspace = new Mock<IStackWorkspace>(MockBehavior.Strict);
        workspace.Setup(w => w.SelectAsync("eph-typo", It.IsAny<CancellationToken>())).ReturnsAsync((IStackSession?)null);
        var progress = new List<string>();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new EphemeralEnvironments(workspace.Object, progress.Add).DestroyAsync("eph-typo"));

        Assert.Equal("ephemeral eph-typo: no such environment (no stack of that name); nothing was destroyed", e.Message);
        workspace.Verify(w => w.CreateOrSelectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        workspace.Verify(w => w.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void Each_environment_has_a_namespace_of_its_own_that_is_not_a_normal_stacks()
    {
        var first = EphemeralEnvironments.Configuration(Testnet, EphemeralEnvironments.StackName(Testnet, "aaaa1111"))["zcash-infra:namespace"].Value;
        var second = EphemeralEnvironments.Configuration(Testnet, EphemeralEnvironments.StackName(Testnet, "bbbb2222"))["zcash-infra:namespace"].Value;
        Assert.NotEqual(first, second);
        Assert.NotEqual(Components.Kubernetes.Namespaces.Zcash, first);

        // A long owner still gives a valid, distinct namespace.
        var owner = new string('x', 90);
        var long1 = EphemeralEnvironments.Configuration(Testnet with { Owner = owner }, EphemeralEnvironments.StackName(Testnet with { Owner = owner }, "aaaa1111"))["zcash-infra:namespace"].Value;
        var long2 = EphemeralEnvironments.Configuration(Testnet with { Owner = owner }, EphemeralEnvironments.StackName(Testnet with { Owner = owner }, "bbbb2222"))["zcash-infra:namespace"].Value;
        Assert.NotEqual(long1, long2);
        Assert.All(new[] { long1, long2 }, n => Assert.Matches("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", n));
    }
}
