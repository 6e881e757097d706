using ZcashInfra.Automation.Cli;
using ZcashInfra.Cluster.Tests.Support;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Automation.Tests;

/// <summary><c>status &lt;stack&gt;</c> for the prod stack file against the API double; nothing leaves 127.0.0.1.</summary>
public sealed class StackStatusTests : IAsyncLifetime
{
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

    /// <summary>Refuses every request that is not to 127.0.0.1 (prod's public index is on the internet).</summary>
    private sealed class LoopbackOnly : DelegatingHandler
    {
        public LoopbackOnly()
            : base(new HttpClientHandler())
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Host == "127.0.0.1" ? base.SendAsync(request, cancellationToken) : throw new HttpRequestException($"offline test: {request.RequestUri.Host} not contacted");
    }

    [Fact]
    public async Task Prod_LooksAtItsNodeSetsCutsAndWorkers_InTheStacksNamespaces()
    {
        _api.Put(string.Empty, "pods", "zcash", FakePods.Pod("zebra-mainnet-0", FakePods.Running(ready: true)) is var pod && pod["metadata"]!["labels"]!["app.kubernetes.io/instance"] is not null
            ? Relabel(pod, "zebra-mainnet") : pod);
        _api.Proxy = (_, port, _) => port == 8232 ? (200, FakePods.Tip(3_700_000)) : (503, "no");
        using var http = new HttpClient(new LoopbackOnly());

        var report = await new StackStatus(RepoPaths.Root, _kubeconfig, "double").ReadAsync("prod", http, CancellationToken.None);

        Assert.Equal(["zebra-mainnet", "zebra-testnet"], report.NodeSets.Select(s => s.Name));
        Assert.Equal(3_700_000, report.NodeSets[0].Pods.Single().Tip);
        Assert.Empty(report.NodeSets[1].Pods);
        Assert.Equal(["snapshot-mainnet-zebrad", "snapshot-testnet-zebrad"], report.Cuts.Select(c => c.Name));
        Assert.Contains("offline test", report.Cuts[0].BucketNote, StringComparison.Ordinal);
        Assert.Contains(_api.Requests, r => r.StartsWith("GET /apis/snapshot.storage.k8s.io/v1/namespaces/zcash/volumesnapshots?labelSelector=zcash.network%3Dmainnet%2Czcash.implementation%3Dzebrad", StringComparison.Ordinal));
        Assert.Contains("get statefulset zcash-ci/buildbot-worker: 404 NotFound", report.Workers!.Problem, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    [Fact]
    public async Task Cli_WithoutACluster_IsOneLineNamingTheContextAndServer()
    {
        var nowhere = Kubeconfigs.Write(new Uri("http://127.0.0.1:9"));
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var exit = await AutomationCli.RunAsync(["status", "prod", "--kubeconfig", nowhere, "--context", "double"], new Moq.Mock<IStackWorkspace>(Moq.MockBehavior.Strict).Object, RepoPaths.Root, stdout, stderr);

            Assert.Equal(1, exit);
            var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("✗ context double (server http://127.0.0.1:9): cannot reach the API server (", line, StringComparison.Ordinal);
            Assert.DoesNotContain("operator-token", stdout.ToString() + stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(nowhere);
        }
    }

    [Fact]
    public async Task Cli_ReportsNotHealthy_WithItsOwnExitCode()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // Prod's public index is on the internet: a dev-like check of the exit code uses a stack without cuts.
        var exit = await AutomationCli.RunAsync(["status", "dev", "--kubeconfig", _kubeconfig, "--context", "double"], new Moq.Mock<IStackWorkspace>(Moq.MockBehavior.Strict).Object, RepoPaths.Root, stdout, stderr);

        Assert.True(exit == 3, stdout + "\n" + stderr);
        Assert.Contains("NOT healthy", stdout.ToString(), StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject Relabel(System.Text.Json.Nodes.JsonObject pod, string set)
    {
        pod["metadata"]!["labels"]!["app.kubernetes.io/instance"] = set;
        return pod;
    }
}
