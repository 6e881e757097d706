using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Cluster.Status;
using ZcashInfra.Cluster.Tests.Support;
using ZcashInfra.Cluster.VolumeSnapshots;

namespace ZcashInfra.Cluster.Tests;

/// <summary><c>status</c>'s collector against the API double (and a public index it serves).</summary>
public sealed class StatusCollectorTests : IAsyncLifetime
{
    private FakeKubernetesApi _api = null!;
    private ClusterConnection _cluster = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _cluster = ClusterConnection.ForServer(_api.Url);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _cluster.Dispose();
        await _api.DisposeAsync();
    }

    private StatusTarget Target() => new(
        "prod",
        [new NodeSetProbe("node", "zcash", "mainnet", "app.kubernetes.io/name=zebrad,app.kubernetes.io/instance=node,app.kubernetes.io/component=node", 3, 8232, "restore")],
        [new CutProbe("snapshot-mainnet-zebrad", "zcash", "mainnet", new Uri(_api.Url, "bucket/mainnet/snapshots.json"), "zcash.network=mainnet,zcash.implementation=zebrad")],
        new WorkerProbe("zcash-ci", "buildbot-worker", 4));

    private void SeedHealthyParts()
    {
        var ready = FakePods.Pod("node-0", FakePods.Running(ready: true, restarts: 2));
        _api.Put(string.Empty, "pods", "zcash", ready);
        _api.Put(string.Empty, "pods", "zcash", FakePods.Pod("node-1", FakePods.Restoring(), "state-node-1"));
        _api.Put(string.Empty, "pods", "zcash", FakePods.Pod("node-2", FakePods.ImagePullBackOff(), "state-node-2"));
        _api.Logs["zcash/node-1/restore"] = "2026-12-07T02:00:00.000Z info download: 120.0 GB of 268.7 GB (44.7%), 600 MB/s, ETA 4m\n";
        _api.Proxy = (pod, port, _) => pod == "node-0" && port == 8232
            ? (200, """{"jsonrpc":"2.0","id":"zcash-infra","result":{"chain":"main","blocks":3700100,"estimatedheight":3700106}}""")
            : (503, "no");

        var now = DateTimeOffset.UtcNow;
        _api.Files["/bucket/mainnet/snapshots.json"] = new JsonArray(
            new JsonObject { ["url"] = "https://x/3690000.tar.zst", ["roles"] = new JsonArray("latest"), ["height"] = 3_690_000, ["created_at"] = now.AddHours(-3).ToString("O", CultureInfo.InvariantCulture) },
            new JsonObject { ["url"] = "https://x/3680000.tar.zst", ["roles"] = new JsonArray(), ["height"] = 3_680_000 }).ToJsonString();
        Snapshot("mainnet-3680000", now.AddDays(-3), ready: true);
        Snapshot("mainnet-3690000", now.AddHours(-2), ready: true);
        Snapshot("mainnet-3695000", now.AddMinutes(-5), ready: false);
        Snapshot("mainnet-latest", now.AddMinutes(-1), ready: true, alias: true);
        _api.Put("apps", "statefulsets", "zcash-ci", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "buildbot-worker" },
            ["spec"] = new JsonObject { ["replicas"] = 2, ["serviceName"] = "buildbot-worker", ["selector"] = new JsonObject(), ["template"] = new JsonObject() },
            ["status"] = new JsonObject { ["replicas"] = 2, ["readyReplicas"] = 1 },
        });
    }

    [Fact]
    public async Task Report_ShowsPodsTipsRestoreProgressSnapshotsAndWorkers()
    {
        SeedHealthyParts();

        var report = await new StatusCollector(_cluster, _http, TimeProvider.System).CollectAsync(Target(), CancellationToken.None);
        var text = StatusText.Render(report);

        Assert.False(report.Healthy);
        var set = Assert.Single(report.NodeSets);
        Assert.Equal(3_700_106, set.NetworkTip);
        Assert.Equal([true, false, false], set.Pods.Select(p => p.Ready));
        Assert.Contains("node set node (mainnet): 1/3 ready, network tip 3700106", text, StringComparison.Ordinal);
        Assert.Contains("node-0: ready, 2 restarts, tip 3700100 (6 behind)", text, StringComparison.Ordinal);
        Assert.Contains("node-1: not ready, 0 restarts, restoring: download: 120.0 GB of 268.7 GB (44.7%), 600 MB/s, ETA 4m", text, StringComparison.Ordinal);
        Assert.Contains("✗ pod node-2: container zebrad ImagePullBackOff", text, StringComparison.Ordinal);

        var cut = Assert.Single(report.Cuts);
        Assert.Equal(3_690_000, cut.BucketHeight);
        Assert.InRange(cut.BucketAge!.Value, TimeSpan.FromMinutes(179), TimeSpan.FromMinutes(181));

        // The newest ready, non-alias volume snapshot.
        Assert.Equal("mainnet-3690000", cut.VolumeSnapshot);
        Assert.Contains("cut snapshot-mainnet-zebrad: newest bucket snapshot height 3690000, 3h00m old; newest volume snapshot mainnet-3690000, 2h00m old", text, StringComparison.Ordinal);
        Assert.Contains("CI workers: 1/2 ready (max 4)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbiddenSection_IsReported_AndTheRestStillRuns()
    {
        SeedHealthyParts();
        _api.Denied["list volumesnapshots"] = true;
        _api.Denied["get statefulsets"] = true;

        var report = await new StatusCollector(_cluster, _http, TimeProvider.System).CollectAsync(Target(), CancellationToken.None);
        var text = StatusText.Render(report);

        Assert.Contains("newest volume snapshot ✗ list volumesnapshots in zcash: 403 Forbidden: volumesnapshots.snapshot.storage.k8s.io is forbidden", text, StringComparison.Ordinal);
        Assert.Contains("CI workers: ✗ get statefulset zcash-ci/buildbot-worker: 403 Forbidden", text, StringComparison.Ordinal);
        Assert.Equal(3_690_000, report.Cuts[0].BucketHeight);
        Assert.Equal(3, report.NodeSets[0].Pods.Count);
    }

    [Fact]
    public async Task AllReady_IsHealthy()
    {
        foreach (var name in new[] { "node-0", "node-1", "node-2" })
        {
            _api.Put(string.Empty, "pods", "zcash", FakePods.Pod(name, FakePods.Running(ready: true)));
        }

        _api.Proxy = (_, _, _) => (200, FakePods.Tip(3_700_000));
        var target = Target() with { Cuts = [], Workers = null };

        var report = await new StatusCollector(_cluster, _http, TimeProvider.System).CollectAsync(target, CancellationToken.None);

        Assert.True(report.Healthy, StatusText.Render(report));
        Assert.StartsWith("stack prod on server http://127.0.0.1:", StatusText.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoApiServer_IsOneLineNamingTheServer()
    {
        using var nowhere = ClusterConnection.ForServer(new Uri("http://127.0.0.1:9/"));

        var e = await Assert.ThrowsAsync<ClusterException>(() => new StatusCollector(nowhere, _http, TimeProvider.System).CollectAsync(Target(), CancellationToken.None));

        Assert.StartsWith("server http://127.0.0.1:9/: cannot reach the API server (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void NoKubeconfig_IsOneLineNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");

        var e = Assert.Throws<ClusterException>(() => ClusterConnection.Open(path, null, inClusterByDefault: false));

        Assert.Equal($"no kubeconfig at {path}: point --kubeconfig (or KUBECONFIG) at one, or run where kubectl works", e.Message);
    }

    [Fact]
    public void UnknownContext_NamesTheContext()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: dev, context: {cluster: c, user: u}}]
            current-context: dev
            """);
        try
        {
            var e = Assert.Throws<ClusterException>(() => ClusterConnection.Open(path, "prod-cluster", inClusterByDefault: false));

            Assert.Contains("context prod-cluster", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private void Snapshot(string name, DateTimeOffset created, bool ready, bool alias = false)
    {
        var labels = new JsonObject { ["zcash.network"] = "mainnet", ["zcash.implementation"] = "zebrad" };
        if (alias)
        {
            labels[SnapshotApi.AliasLabel] = "true";
        }

        _api.Put(SnapshotApi.Group, "volumesnapshots", "zcash", new JsonObject
        {
            ["apiVersion"] = SnapshotApi.ApiVersion,
            ["kind"] = "VolumeSnapshot",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels, ["creationTimestamp"] = created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
            ["spec"] = new JsonObject { ["source"] = new JsonObject { ["persistentVolumeClaimName"] = "state" } },
            ["status"] = new JsonObject { ["readyToUse"] = ready },
        });
    }
}
