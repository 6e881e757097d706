using ZcashInfra.Cluster.Tests.Support;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// <c>volume-snapshot</c> end to end: the agent's real command line, a kubeconfig with a bearer
/// token, KubernetesClient, and the Kubernetes API double on 127.0.0.1.
/// </summary>
public sealed class VolumeSnapshotCommandTests : IAsyncLifetime
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.very-secret-token";
    private FakeKubernetesApi _api = null!;
    private TempDirectory _dir = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _dir = new TempDirectory();
        _kubeconfig = Kubeconfigs.Write(_api.Url, Token, _dir.Path);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>The command line the snapshot job renders (the contract with the renderer).</summary>
    private string[] Args(string keep = "2", string timeout = "10s", params string[] extra) =>
    [
        "volume-snapshot", "--claim", "state", "--class", "zcash-snapshots", "--name", "mainnet-3100000",
        "--label", "zcash.network=mainnet", "--label", "zcash.implementation=zebrad", "--label", "zcash-infra.io/height=3100000",
        "--series", "zcash.network=mainnet",
        "--keep", keep, "--alias", "mainnet-latest", "--namespace", "zcash", "--timeout", timeout, "--kubeconfig", _kubeconfig, .. extra,
    ];

    [Fact]
    public async Task Snapshot_Alias_AndPrune_ExitZero_WithoutPrintingTheToken()
    {
        var result = await AgentRun.RunAsync(Args());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("volumesnapshot zcash/mainnet-3100000: ready to use", result.Output, StringComparison.Ordinal);
        Assert.Contains("volumesnapshot zcash/mainnet-latest: ready to use", result.Output, StringComparison.Ordinal);
        Assert.NotNull(_api.Get("snapshot.storage.k8s.io", "volumesnapshots", "zcash", "mainnet-latest"));
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RbacDenial_ExitsOne_WithOneLineNamingTheSnapshotAndTheDeniedVerb()
    {
        _api.Denied["create volumesnapshotcontents"] = true;

        var result = await AgentRun.RunAsync(Args());

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("volume-snapshot: create volumesnapshotcontent ", line, StringComparison.Ordinal);
        Assert.Contains("403 Forbidden", line, StringComparison.Ordinal);
        Assert.Contains("cannot create resource \"volumesnapshotcontents\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotErrorUntilTheTimeout_ExitsOne_NamingTheSnapshotAndTheLastError()
    {
        _api.Snapshots.Outcome = SnapshotOutcome.Error;

        var result = await AgentRun.RunAsync(Args(timeout: "1s"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("volumesnapshot zcash/mainnet-3100000: not done after 1s", result.Error, StringComparison.Ordinal);
        Assert.Contains("last error: Failed to check and update snapshot content", result.Error, StringComparison.Ordinal);
        Assert.Contains("quota exceeded", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingClaimOnTheAlias_ExitsZero_SayingTheAliasWaitsForTheNextCut()
    {
        await AgentRun.RunAsync(Args());
        _api.Put(string.Empty, "persistentvolumeclaims", "zcash", FakePods.ClaimFrom("state-mainnet-node-2", "Pending", "mainnet-latest"));

        var result = await AgentRun.RunAsync([.. Args().Select(a => a == "mainnet-3100000" ? "mainnet-3200000" : a)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("alias mainnet-latest not re-pointed this run (Pending claims state-mainnet-node-2 restore from it", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests, r => r.StartsWith("DELETE /apis/snapshot.storage.k8s.io/v1/namespaces/zcash/volumesnapshots/mainnet-latest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeout_ExitsOne_NamingTheSnapshot()
    {
        _api.Snapshots.Outcome = SnapshotOutcome.Never;

        var result = await AgentRun.RunAsync(Args(timeout: "300ms"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("volumesnapshot zcash/mainnet-3100000: not done after 300ms", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "10s", "--series", "zcash-infra.io/height=3200000", "--series zcash-infra.io/height=3200000 is not one of the --label pairs")]
    [InlineData("2", "10s", "--label", "novalue", "--label 'novalue' is not key=value")]
    [InlineData("2", "soon", "--label", "a=b", "--timeout 'soon' is not a duration")]
    [InlineData("0", "10s", "--label", "a=b", "--keep must be ≥ 1")]
    public async Task BadOptions_AreUsageErrors_BeforeAnyRequest(string keep, string timeout, string option, string value, string expected)
    {
        var result = await AgentRun.RunAsync(Args(keep, timeout, option, value));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void TheRenderedContract_Parses()
    {
        Assert.Empty(Cli.AgentCli.Parse(Args()));
        Assert.Contains("volume-snapshot", Cli.AgentCli.Commands);
    }
}
