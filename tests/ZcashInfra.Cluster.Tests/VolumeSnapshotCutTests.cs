using System.Text.Json.Nodes;
using ZcashInfra.Cluster.Tests.Support;
using ZcashInfra.Cluster.VolumeSnapshots;

namespace ZcashInfra.Cluster.Tests;

/// <summary>The volume-snapshot step against the API double: KubernetesClient's real requests, the double's controller.</summary>
public sealed class VolumeSnapshotCutTests : IAsyncLifetime
{
    private const string Ns = "zcash";
    private const string Group = SnapshotApi.Group;
    private FakeKubernetesApi _api = null!;
    private ClusterConnection _cluster = null!;
    private readonly List<string> _log = [];

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

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["zcash.network"] = "mainnet",
        ["zcash.implementation"] = "zebrad",
        ["zcash-infra.io/db-major"] = "28",
        ["zcash-infra.io/height"] = "3100000",
    };

    private static readonly Dictionary<string, string> Series = new(StringComparer.Ordinal)
    {
        ["zcash.network"] = "mainnet",
        ["zcash.implementation"] = "zebrad",
        ["zcash-infra.io/db-major"] = "28",
    };

    private VolumeSnapshotCut Cut() => new(new VolumeSnapshotClient(_cluster.Client, Ns, TimeProvider.System), _log.Add);

    private static VolumeSnapshotRequest Request(string name = "mainnet-3100000", string? alias = null, int keep = 3, TimeSpan? timeout = null) =>
        new("state-snapshot-job", "zcash-snapshots", name, Labels, Series, keep, alias, timeout ?? TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Create_SendsTheCrdShape_AndWaitsThroughTheWatch_UntilReadyToUse()
    {
        var result = await Cut().RunAsync(Request(), CancellationToken.None);

        Assert.True(result.Snapshot.ReadyToUse);
        Assert.StartsWith("snapcontent-", result.Snapshot.BoundContent);
        var created = Assert.Single(_api.Created);
        Assert.Equal("state-snapshot-job", created["spec"]!["source"]!["persistentVolumeClaimName"]!.GetValue<string>());
        Assert.Equal("zcash-snapshots", created["spec"]!["volumeSnapshotClassName"]!.GetValue<string>());
        Assert.Equal("3100000", created["metadata"]!["labels"]!["zcash-infra.io/height"]!.GetValue<string>());

        // Waiting used a watch on the one object, from the listed resourceVersion, not a polling loop.
        Assert.Contains(_api.Requests, r => r.StartsWith("GET /apis/snapshot.storage.k8s.io/v1/namespaces/zcash/volumesnapshots?", StringComparison.Ordinal)
            && r.Contains("watch=true", StringComparison.Ordinal) && r.Contains("fieldSelector=metadata.name%3Dmainnet-3100000", StringComparison.Ordinal)
            && r.Contains("resourceVersion=", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.Contains("ready to use", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusError_IsTransient_LoggedOnce_AndTheSnapshotThatBecomesReadyIsUsed()
    {
        _api.Snapshots.Outcome = SnapshotOutcome.ErrorThenReady;

        var result = await Cut().RunAsync(Request(), CancellationToken.None);

        Assert.True(result.Snapshot.ReadyToUse);
        Assert.Null(result.Snapshot.Error);
        Assert.Single(_log, l => l.Contains("reports an error and retries", StringComparison.Ordinal) && l.Contains("quota exceeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusError_UntilTheTimeout_TimesOut_NamingTheLastError()
    {
        _api.Snapshots.Outcome = SnapshotOutcome.Error;

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Cut().RunAsync(Request(timeout: TimeSpan.FromMilliseconds(800)), CancellationToken.None));

        Assert.Contains("volumesnapshot zcash/mainnet-3100000: not done after", e.Message, StringComparison.Ordinal);
        Assert.Contains("last error: Failed to check and update snapshot content", e.Message, StringComparison.Ordinal);
        Assert.Contains("quota exceeded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoController_TimesOut_SayingWhatWasLastSeen()
    {
        _api.Snapshots.Outcome = SnapshotOutcome.Never;

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Cut().RunAsync(Request(timeout: TimeSpan.FromMilliseconds(400)), CancellationToken.None));

        Assert.Contains("volumesnapshot zcash/mainnet-3100000", e.Message, StringComparison.Ordinal);
        Assert.Contains("readyToUse false", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredWatch_IsReopenedFromAFreshList()
    {
        _api.ExpireNextWatch = true;

        var result = await Cut().RunAsync(Request(), CancellationToken.None);

        Assert.True(result.Snapshot.ReadyToUse);
        // The ERROR event (410) made the client list again rather than fail or spin on the old version.
        Assert.True(_api.Requests.Count(r => r.Contains("fieldSelector=metadata.name", StringComparison.Ordinal) && !r.Contains("watch=true", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task Forbidden_IsOneLineNamingTheVerbAndTheRole()
    {
        _api.Denied["create volumesnapshots"] = true;

        var e = await Assert.ThrowsAsync<ClusterException>(() => Cut().RunAsync(Request(), CancellationToken.None));

        Assert.Equal(403, e.StatusCode);
        Assert.Equal("Forbidden", e.Reason);
        Assert.Contains("create volumesnapshot zcash/mainnet-3100000: 403 Forbidden", e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot create resource \"volumesnapshots\"", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task RetriedRun_WaitsOnTheSnapshotItMadeBefore()
    {
        await Cut().RunAsync(Request(), CancellationToken.None);

        var again = await Cut().RunAsync(Request(), CancellationToken.None);

        Assert.True(again.Snapshot.ReadyToUse);
        Assert.Contains(_log, l => l.Contains("exists already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NameTakenByAnotherClaim_IsRefused()
    {
        Seed("mainnet-3100000", DateTimeOffset.UtcNow, ready: true, claim: "someone-else");

        var e = await Assert.ThrowsAsync<ClusterException>(() => Cut().RunAsync(Request(), CancellationToken.None));

        Assert.Contains("not a snapshot of claim state-snapshot-job", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_KeepsTheNewestOfTheSeries_AndLeavesEverythingElse()
    {
        var now = DateTimeOffset.UtcNow;
        Seed("old-1", now.AddDays(-4), ready: true);
        Seed("old-2", now.AddDays(-3), ready: true);
        Seed("old-3", now.AddDays(-2), ready: true);
        Seed("old-4", now.AddDays(-1), ready: true);
        Seed("unready", now.AddSeconds(-2), ready: false);
        Seed("testnet", now.AddDays(-9), ready: true, network: "testnet");
        Seed("stable", now.AddDays(-9), ready: true, alias: true);

        var result = await Cut().RunAsync(Request(keep: 3), CancellationToken.None);

        Assert.Equal(["old-2", "old-1"], result.Deleted);
        var left = _api.All(Group, "volumesnapshots").Select(o => o["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["mainnet-3100000", "old-3", "old-4", "stable", "testnet", "unready"], left);

        // The series went to the server as a label selector.
        Assert.Contains(_api.Requests, r => r.Contains("labelSelector=zcash-infra.io%2Fdb-major%3D28%2Czcash.implementation%3Dzebrad%2Czcash.network%3Dmainnet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alias_IsRePointed_WithARetainContentOnTheNewHandle_AndTheOldPairGoes()
    {
        _api.FinalizerDelay = TimeSpan.FromMilliseconds(150);
        var first = await Cut().RunAsync(Request("mainnet-3100000", alias: "mainnet-latest"), CancellationToken.None);
        var firstAliasContent = first.Alias!.ContentSource!;

        var second = await Cut().RunAsync(Request("mainnet-3200000", alias: "mainnet-latest"), CancellationToken.None);

        var alias = second.Alias!;
        Assert.True(alias.ReadyToUse);
        Assert.True(alias.IsAlias);
        Assert.Equal("mainnet", alias.Labels["zcash.network"]);
        Assert.NotEqual(firstAliasContent, alias.ContentSource);
        var content = _api.Get(Group, "volumesnapshotcontents", null, alias.ContentSource!)!;
        Assert.Equal("Retain", content["spec"]!["deletionPolicy"]!.GetValue<string>());
        Assert.Equal("pd.csi.storage.gke.io", content["spec"]!["driver"]!.GetValue<string>());

        // The real content's sourceVolumeMode is carried over: unset would mean "unknown" (the CRD).
        Assert.Equal("Filesystem", content["spec"]!["sourceVolumeMode"]!.GetValue<string>());
        var realContent = _api.Get(Group, "volumesnapshotcontents", null, second.Snapshot.BoundContent!)!;
        Assert.Equal(realContent["status"]!["snapshotHandle"]!.GetValue<string>(), content["spec"]!["source"]!["snapshotHandle"]!.GetValue<string>());
        Assert.Equal("mainnet-latest", content["spec"]!["volumeSnapshotRef"]!["name"]!.GetValue<string>());
        Assert.Equal(Ns, content["spec"]!["volumeSnapshotRef"]!["namespace"]!.GetValue<string>());

        // The first alias content is deleted (finalizers may hold it a moment); both real snapshots and their contents stay.
        Assert.True(_api.Get(Group, "volumesnapshotcontents", null, firstAliasContent) is not { } old || old["metadata"]!["deletionTimestamp"] is not null);
        Assert.Contains(_api.Requests, r => r == $"DELETE /apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents/{firstAliasContent}");
        Assert.NotNull(_api.Get(Group, "volumesnapshotcontents", null, first.Snapshot.BoundContent!));
        Assert.NotNull(_api.Get(Group, "volumesnapshots", Ns, "mainnet-3100000"));
    }

    [Fact]
    public async Task Alias_NeverCountsInPruning_AndTheSnapshotItPointsAtIsKept()
    {
        await Cut().RunAsync(Request("mainnet-1", alias: "mainnet-latest", keep: 1), CancellationToken.None);

        var second = await Cut().RunAsync(Request("mainnet-2", alias: "mainnet-latest", keep: 1), CancellationToken.None);

        Assert.Equal(["mainnet-1"], second.Deleted);
        Assert.NotNull(_api.Get(Group, "volumesnapshots", Ns, "mainnet-latest"));
        Assert.NotNull(_api.Get(Group, "volumesnapshots", Ns, "mainnet-2"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Alias_WithAPendingClaimRestoringFromIt_IsNotDeleted_AndTheSnapshotItPointsAtIsNotPruned(bool inDataSource)
    {
        await Cut().RunAsync(Request("mainnet-1", alias: "mainnet-latest", keep: 1), CancellationToken.None);
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-node-3", "Pending", "mainnet-latest", inDataSource));
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-node-0", "Bound", "mainnet-latest"));
        var aliasBefore = _api.Get(Group, "volumesnapshots", Ns, "mainnet-latest")!["spec"]!.ToJsonString();

        var second = await Cut().RunAsync(Request("mainnet-2", alias: "mainnet-latest", keep: 1), CancellationToken.None);

        Assert.True(second.Snapshot.ReadyToUse);
        Assert.Null(second.Alias);
        Assert.Equal(["state-node-3"], second.AliasHeldBy);
        Assert.DoesNotContain(_api.Requests, r => r.StartsWith("DELETE ", StringComparison.Ordinal));
        Assert.Equal(aliasBefore, _api.Get(Group, "volumesnapshots", Ns, "mainnet-latest")!["spec"]!.ToJsonString());
        Assert.Empty(second.Deleted);
        Assert.NotNull(_api.Get(Group, "volumesnapshots", Ns, "mainnet-1"));
        Assert.Contains(_log, l => l.Contains("mainnet-1: kept beyond the newest 1: alias mainnet-latest still points at it", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.Contains("not re-pointed at mainnet-2 this run: Pending claim(s) state-node-3", StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.StartsWith("GET /api/v1/namespaces/zcash/persistentvolumeclaims", StringComparison.Ordinal));

        // Once the claim is bound, the next cut re-points the alias and prunes both older snapshots.
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-node-3", "Bound", "mainnet-latest", inDataSource));
        var third = await Cut().RunAsync(Request("mainnet-3", alias: "mainnet-latest", keep: 1), CancellationToken.None);
        Assert.True(third.Alias!.ReadyToUse);
        Assert.Equal(["mainnet-2", "mainnet-1"], third.Deleted);
    }

    [Fact]
    public async Task Alias_WithOnlyBoundClaims_IsRePointed()
    {
        await Cut().RunAsync(Request("mainnet-1", alias: "mainnet-latest", keep: 1), CancellationToken.None);
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-node-0", "Bound", "mainnet-latest"));
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-other", "Pending", "another-snapshot"));

        var second = await Cut().RunAsync(Request("mainnet-2", alias: "mainnet-latest", keep: 1), CancellationToken.None);

        Assert.True(second.Alias!.ReadyToUse);
        Assert.Empty(second.AliasHeldBy);
        Assert.Contains(_api.Requests, r => r == "DELETE /apis/snapshot.storage.k8s.io/v1/namespaces/zcash/volumesnapshots/mainnet-latest");
        Assert.Equal(["mainnet-1"], second.Deleted);
    }

    [Fact]
    public async Task AliasHeldPastTheTimeout_NamesThePendingClaimsThatHoldIt()
    {
        await Cut().RunAsync(Request("mainnet-1", alias: "mainnet-latest"), CancellationToken.None);

        // A claim made between the check and the delete: the controller then holds the alias.
        _api.FinalizerDelay = TimeSpan.FromMinutes(5);
        _api.BeforeDelete = key =>
        {
            if (key.EndsWith("/volumesnapshots/zcash/mainnet-latest", StringComparison.Ordinal))
            {
                _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-node-4", "Pending", "mainnet-latest"));
            }
        };

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Cut().RunAsync(Request("mainnet-2", alias: "mainnet-latest", timeout: TimeSpan.FromSeconds(1)), CancellationToken.None));

        Assert.Contains("volumesnapshot zcash/mainnet-latest: not done after 1s (readyToUse true, being deleted)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Pending claim(s) state-node-4 restore from it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leftovers_OfFailedRuns_AreCleanedUp_AndNothingElse()
    {
        var first = await Cut().RunAsync(Request("mainnet-1", alias: "mainnet-latest"), CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        SeedAliasContent("orphan-of-mainnet-latest", "mainnet-latest", "Retain");
        SeedAliasContent("delete-policy-content", "mainnet-latest", "Delete");
        SeedAliasContent("other-series-content", "testnet-latest", "Retain");
        Seed("stale", now.AddHours(-2), ready: false);
        Seed("recent-unready", now.AddSeconds(-2), ready: false);
        Seed("stale-testnet", now.AddHours(-2), ready: false, network: "testnet");
        Seed("stale-held", now.AddHours(-2), ready: false);
        _api.Put(string.Empty, "persistentvolumeclaims", Ns, FakePods.ClaimFrom("state-node-5", "Pending", "stale-held"));

        var second = await Cut().RunAsync(Request("mainnet-2", alias: "mainnet-latest"), CancellationToken.None);

        Assert.Contains("stale", second.Deleted);
        Assert.Null(_api.Get(Group, "volumesnapshots", Ns, "stale"));
        Assert.Null(_api.Get(Group, "volumesnapshotcontents", null, "orphan-of-mainnet-latest"));
        foreach (var kept in new[] { "recent-unready", "stale-testnet", "stale-held", "mainnet-1" })
        {
            Assert.NotNull(_api.Get(Group, "volumesnapshots", Ns, kept));
        }

        foreach (var kept in new[] { "delete-policy-content", "other-series-content", first.Snapshot.BoundContent! })
        {
            Assert.NotNull(_api.Get(Group, "volumesnapshotcontents", null, kept));
        }

        // The content the alias was bound to before this run went with the re-point, not as a leftover.
        Assert.Single(_log, l => l.StartsWith("volumesnapshotcontent ", StringComparison.Ordinal) && l.Contains("leftover", StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.StartsWith("GET /apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents?labelSelector=zcash-infra.io%2Fvolume-snapshot-alias%3Dtrue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAliasNameHeldByARealSnapshot_IsNotReplaced()
    {
        Seed("mainnet-latest", DateTimeOffset.UtcNow, ready: true);

        var e = await Assert.ThrowsAsync<ClusterException>(() => Cut().RunAsync(Request(alias: "mainnet-latest"), CancellationToken.None));

        Assert.Contains("is not an alias", e.Message, StringComparison.Ordinal);
        Assert.NotNull(_api.Get(Group, "volumesnapshots", Ns, "mainnet-latest"));
    }

    [Fact]
    public async Task BadRequest_ListsEveryProblem_BeforeAnyCall()
    {
        var bad = Request() with
        {
            Name = "Not_Valid",
            Series = new Dictionary<string, string>(StringComparer.Ordinal) { ["zcash.network"] = "testnet" },
            Keep = 0,
        };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Cut().RunAsync(bad, CancellationToken.None));

        Assert.Contains("--name 'Not_Valid'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--series zcash.network=testnet is not one of the --label pairs", e.Message, StringComparison.Ordinal);
        Assert.Contains("--keep must be ≥ 1", e.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    private void SeedAliasContent(string name, string alias, string deletionPolicy) =>
        _api.Put(Group, "volumesnapshotcontents", null, new JsonObject
        {
            ["apiVersion"] = SnapshotApi.ApiVersion,
            ["kind"] = "VolumeSnapshotContent",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [SnapshotApi.AliasLabel] = "true" } },
            ["spec"] = new JsonObject
            {
                ["deletionPolicy"] = deletionPolicy,
                ["driver"] = "pd.csi.storage.gke.io",
                ["source"] = new JsonObject { ["snapshotHandle"] = $"projects/p/global/snapshots/{name}" },
                ["volumeSnapshotRef"] = new JsonObject { ["name"] = alias, ["namespace"] = Ns },
            },
        });

    private void Seed(string name, DateTimeOffset created, bool ready, string network = "mainnet", bool alias = false, string claim = "state-snapshot-job")
    {
        var labels = new JsonObject { ["zcash.network"] = network, ["zcash.implementation"] = "zebrad", ["zcash-infra.io/db-major"] = "28" };
        if (alias)
        {
            labels[SnapshotApi.AliasLabel] = "true";
        }

        _api.Put(Group, "volumesnapshots", Ns, new JsonObject
        {
            ["apiVersion"] = SnapshotApi.ApiVersion,
            ["kind"] = "VolumeSnapshot",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels, ["creationTimestamp"] = created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) },
            ["spec"] = new JsonObject { ["source"] = new JsonObject { ["persistentVolumeClaimName"] = claim }, ["volumeSnapshotClassName"] = "zcash-snapshots" },
            ["status"] = new JsonObject { ["readyToUse"] = ready, ["boundVolumeSnapshotContentName"] = $"snapcontent-{name}" },
        });
    }
}
