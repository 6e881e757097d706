using Moq;
using ZcashInfra.Cluster;
using ZcashInfra.Cluster.Nodes;
using ZcashInfra.Cluster.Tests.Support;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks;

namespace ZcashInfra.Automation.Tests;

/// <summary>Ephemeral environments return only when usable: the lifecycle with a readiness seam, and the real one against the API double.</summary>
public sealed class NodeReadinessTests : IAsyncLifetime
{
    private const string StackName = "eph-ci-testnet-3100000-abc123";
    private static readonly NodeWaitOptions Fast = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.Zero);

    private static readonly EphemeralNodeRequest Request = new()
    {
        Release = new NodeRelease { Network = Network.Testnet, Version = "7.2.0" },
        SnapshotIndex = "https://snapshots.example/testnet/snapshots.json",
        Height = 3_100_000,
        Owner = "ci",
        KubeContext = "double",
    };

    private FakeKubernetesApi _api = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _kubeconfig = Kubeconfigs.Write(_api.Url);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Fact]
    public async Task ClusterReadiness_FindsTheNodeByTheComponentsNames_AndWaitsForTheHeight()
    {
        var ns = StackNamespace.For(StackName);
        _api.Put(string.Empty, "pods", ns, FakePods.Pod("node-0", FakePods.Running(ready: true)));
        var asked = 0;
        _api.Proxy = (pod, port, _) => pod == "node-0" && port == 18232 ? (200, FakePods.Tip(Interlocked.Increment(ref asked) < 3 ? 3_099_990 : 3_100_000)) : (404, "no");
        var progress = new List<string>();

        var endpoint = await new ClusterNodeReadiness(_kubeconfig, Fast).WaitAsync(StackName, Request, "node-rpc:18232", progress.Add, CancellationToken.None);

        Assert.Equal("node-rpc:18232", endpoint);
        Assert.Contains(progress, p => p == $"ephemeral {StackName}: catch-up: pod node-0: height 3099990 of 3100000 (10 to go)");
        Assert.Contains(_api.Requests, r => r.StartsWith($"GET /api/v1/namespaces/{ns}/pods?labelSelector=app.kubernetes.io%2Fname%3Dzebrad%2Capp.kubernetes.io%2Finstance%3Dnode%2Capp.kubernetes.io%2Fcomponent%3Dnode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImagePullBackOff_FailsCreate_AndTheEnvironmentIsTornDown()
    {
        _api.Put(string.Empty, "pods", StackNamespace.For(StackName), FakePods.Pod("node-0", FakePods.ImagePullBackOff()));
        var workspace = new Mock<IStackWorkspace>(MockBehavior.Strict);
        var stack = new Mock<IStackSession>(MockBehavior.Strict);
        stack.SetupGet(s => s.Name).Returns(StackName);
        stack.Setup(s => s.SetConfigAsync(It.IsAny<IReadOnlyDictionary<string, ConfigSetting>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, StackOutput>
        {
            [EphemeralEnvironments.RpcEndpointsOutput] = new(new Dictionary<string, object> { ["node"] = "node-rpc:18232" }, false),
        });
        stack.Setup(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        workspace.Setup(w => w.CreateOrSelectAsync(StackName, It.IsAny<CancellationToken>())).ReturnsAsync(stack.Object);
        workspace.Setup(w => w.RemoveAsync(StackName, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var progress = new List<string>();
        var environments = new EphemeralEnvironments(workspace.Object, progress.Add, () => "abc123", new ClusterNodeReadiness(_kubeconfig, Fast));

        var e = await Assert.ThrowsAsync<ClusterException>(() => environments.CreateAsync(Request));

        Assert.Contains("container zebrad ImagePullBackOff", e.Message, StringComparison.Ordinal);
        stack.Verify(s => s.DestroyAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        workspace.Verify(w => w.RemoveAsync(StackName, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains(progress, p => p.Contains("waiting for the node to be ready at 3100000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readiness_IsAskedAfterUp_WithTheStacksEndpoint()
    {
        var workspace = new Mock<IStackWorkspace>();
        var stack = new Mock<IStackSession>();
        stack.SetupGet(s => s.Name).Returns(StackName);
        stack.Setup(s => s.UpAsync(It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, StackOutput>
        {
            [EphemeralEnvironments.RpcEndpointsOutput] = new(new Dictionary<string, object> { ["node"] = "node-rpc:18232" }, false),
        });
        workspace.Setup(w => w.CreateOrSelectAsync(StackName, It.IsAny<CancellationToken>())).ReturnsAsync(stack.Object);
        var readiness = new Mock<INodeReadiness>(MockBehavior.Strict);
        readiness.Setup(r => r.WaitAsync(StackName, Request, "node-rpc:18232", It.IsAny<Action<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync("node-rpc:18232");

        var node = await new EphemeralEnvironments(workspace.Object, _ => { }, () => "abc123", readiness.Object).CreateAsync(Request);

        Assert.Equal(new EphemeralNode(StackName, "node-rpc:18232"), node);
        readiness.VerifyAll();
    }
}
