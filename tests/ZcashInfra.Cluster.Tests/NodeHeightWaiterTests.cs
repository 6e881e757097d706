using System.Collections.Concurrent;
using System.Diagnostics;
using ZcashInfra.Cluster.Nodes;
using ZcashInfra.Cluster.Tests.Support;

namespace ZcashInfra.Cluster.Tests;

/// <summary>"A node at height H" against the API double: pods, pod logs and the pod proxy over real HTTP.</summary>
public sealed class NodeHeightWaiterTests : IAsyncLifetime
{
    private const string Ns = "eph-ci-testnet";
    private FakeKubernetesApi _api = null!;
    private ClusterConnection _cluster = null!;
    private readonly ConcurrentQueue<NodeWaitProgress> _progress = new();

    private static readonly NodeWaitTarget Target = new(Ns, "node", "app.kubernetes.io/name=zebrad,app.kubernetes.io/instance=node,app.kubernetes.io/component=node", 1, 18232, "node-rpc.eph-ci-testnet.svc.cluster.local:18232", "restore");
    private static readonly NodeWaitOptions Fast = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _cluster = ClusterConnection.ForServer(_api.Url);
    }

    public async Task DisposeAsync()
    {
        _cluster.Dispose();
        await _api.DisposeAsync();
    }

    private Task<string> WaitAsync(long? height, NodeWaitOptions? options = null) =>
        new NodeHeightWaiter(_cluster.Client, TimeProvider.System).WaitAsync(Target, height, _progress.Enqueue, options ?? Fast, CancellationToken.None);

    [Fact]
    public async Task RestoreThenCatchUp_ReportsEachStage_AndReturnsTheEndpointAtTheHeight()
    {
        _api.Put(string.Empty, "pods", Ns, FakePods.Pod("node-0", FakePods.Restoring()));
        _api.Logs[$"{Ns}/node-0/restore"] = "2026-12-07T02:00:00.000Z info download: 4.1 GB of 9.1 GB (45.1%), 80 MB/s, ETA 1m\n";
        var heights = new ConcurrentQueue<long>([3_700_100, 3_700_150, 3_700_200]);
        _api.Proxy = (pod, port, body) => pod == "node-0" && port == 18232 && body.Contains("getblockchaininfo", StringComparison.Ordinal)
            ? (200, FakePods.Tip(heights.Count > 1 && heights.TryDequeue(out var h) ? h : heights.First()))
            : (404, "wrong pod or port");

        var waiting = WaitAsync(3_700_200);
        await Until(() => _progress.Any(p => p.Stage == "restore"));
        _api.Update(string.Empty, "pods", Ns, "node-0", p => p["status"] = FakePods.Running(ready: true));
        var endpoint = await waiting;

        Assert.Equal(Target.RpcEndpoint, endpoint);
        var stages = _progress.Select(p => p.Stage).Distinct().ToList();
        Assert.Equal(["restore", "catch-up", "ready"], stages);
        Assert.Contains(_progress, p => p.Message == "pod node-0: restoring: download: 4.1 GB of 9.1 GB (45.1%), 80 MB/s, ETA 1m");
        Assert.Contains(_progress, p => p.Stage == "catch-up" && p.Height == 3_700_100 && p.Message.Contains("height 3700100 of 3700200", StringComparison.Ordinal));
        Assert.Equal(3_700_200, _progress.Last().Height);
    }

    [Fact]
    public async Task ImagePullBackOff_FailsAtOnce_WithTheKubeletsMessage()
    {
        _api.Put(string.Empty, "pods", Ns, FakePods.Pod("node-0", FakePods.ImagePullBackOff()));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<ClusterException>(() => WaitAsync(100));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Contains("container zebrad ImagePullBackOff: Back-off pulling image \"zfnd/zebra:9.9.9\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRestore_NamesTheInitContainersExitCode()
    {
        _api.Put(string.Empty, "pods", Ns, FakePods.Pod("node-0", FakePods.RestoreFailed(4)));

        var e = await Assert.ThrowsAsync<ClusterException>(() => WaitAsync(100));

        // The kubelet's CrashLoopBackOff on the init container comes first, with the exit code that caused it.
        Assert.Contains("restore CrashLoopBackOff", e.Message, StringComparison.Ordinal);
        Assert.Contains("last exit code 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminatedRestore_IsReportedWithItsExitCodeAndMessage()
    {
        var status = FakePods.RestoreFailed(4);
        status["initContainerStatuses"]![0]!["state"] = status["initContainerStatuses"]![0]!["lastState"]!.DeepClone();
        var pod = k8s.KubernetesJson.Deserialize<k8s.Models.V1Pod>(FakePods.Pod("node-0", status).ToJsonString());

        var state = Pods.PodDiagnosis.Diagnose(pod, "restore", TimeSpan.Zero, DateTimeOffset.UtcNow);

        Assert.Equal("pod node-0: init container restore terminated with exit code 4 (Error): restore: digest mismatch for https://snapshots.example/x.tar.zst", state.Failure);
    }

    [Fact]
    public async Task Unschedulable_PastTheGrace_FailsWithTheSchedulersMessage_AndThePendingClaim()
    {
        _api.Put(string.Empty, "pods", Ns, FakePods.Pod("node-0", FakePods.Unschedulable(DateTimeOffset.UtcNow.AddMinutes(-20))));
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.Claim("state-node-0", "Pending"));

        var e = await Assert.ThrowsAsync<ClusterException>(() => WaitAsync(100, Fast with { UnschedulableGrace = TimeSpan.FromMinutes(10) }));

        Assert.Contains("pod node-0: Pending, Unschedulable: 0/3 nodes are available: 3 Insufficient memory.", e.Message, StringComparison.Ordinal);
        Assert.Contains("(PersistentVolumeClaim state-node-0 Pending)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unschedulable_WithinTheGrace_IsProgressNotFailure()
    {
        _api.Put(string.Empty, "pods", Ns, FakePods.Pod("node-0", FakePods.Unschedulable(DateTimeOffset.UtcNow)));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => WaitAsync(100, Fast with { Timeout = TimeSpan.FromMilliseconds(300), UnschedulableGrace = TimeSpan.FromMinutes(10) }));

        Assert.Contains("Unschedulable", e.Message, StringComparison.Ordinal);
        Assert.Contains(_progress, p => p.Stage == "pods" && p.Message.Contains("Insufficient memory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoPods_TimesOut_SayingSo()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => WaitAsync(100, Fast with { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Contains("node set node in eph-ci-testnet: not at height 100 after 200ms (last: node set node: no pods yet)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbiddenPodList_IsAClusterErrorNamingTheVerb()
    {
        _api.Denied["list pods"] = true;

        var e = await Assert.ThrowsAsync<ClusterException>(() => WaitAsync(100));

        Assert.Equal(403, e.StatusCode);
        Assert.Contains("list pods of node set node in eph-ci-testnet: 403 Forbidden", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProxyDenied_IsCatchUpProgress_UntilTheTimeout()
    {
        _api.Put(string.Empty, "pods", Ns, FakePods.Pod("node-0", FakePods.Running(ready: true)));
        _api.Denied["create pods/proxy"] = true;

        var e = await Assert.ThrowsAsync<TimeoutException>(() => WaitAsync(100, Fast with { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Contains("tip unknown (RPC through the pod proxy answered 403", e.Message, StringComparison.Ordinal);
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "condition not reached");
            await Task.Delay(10);
        }
    }
}
