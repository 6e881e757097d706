using System.Text;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// restore and verify from a private GCS bucket (gs:// URLs) at the request level: a fake XML API
/// that demands the bearer token, and a fake metadata server handing it out as GKE Workload
/// Identity does, both on 127.0.0.1.
/// </summary>
public class GcsRestoreTests
{
    private const string Bucket = "zcash-private";
    private const string Token = "workload-identity-token";

    private static async Task<(FakeGcs Gcs, FakeMetadataServer Metadata)> StartAsync()
    {
        var gcs = await FakeGcs.StartAsync();
        gcs.RequiredToken = Token;
        var metadata = await FakeMetadataServer.StartAsync();
        metadata.Tokens = [Token];
        return (gcs, metadata);
    }

    private static string[] Through(FakeGcs gcs, FakeMetadataServer metadata) =>
        ["--gcs-endpoint", gcs.Endpoint.ToString(), "--gcs-metadata-url", metadata.TokenUrl.ToString()];

    [Fact]
    public async Task RestoreFromAGsIndex_WrittenByPublish_WithTheMetadataToken_ResumingWithRange()
    {
        using var dir = new TempDirectory();
        var (gcs, metadata) = await StartAsync();
        await using var _ = gcs;
        await using var __ = metadata;
        foreach (var height in new[] { 100L, 200 })
        {
            var published = await AgentRun.RunAsync(["publish", "--to", $"gs://{Bucket}/zcash", "--archive", Snapshots.Create(dir, height, files: 4, fileSize: 256 * 1024), .. Through(gcs, metadata)]);
            Assert.True(published.ExitCode == ExitCodes.Ok, published.ToString());
        }

        var index = SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects[$"{Bucket}/zcash/mainnet/snapshots.json"].Data));
        Assert.Equal($"gs://{Bucket}/zcash/mainnet/zebra-mainnet-h200.tar.zst", index[0].Url);
        var archivePath = $"{Bucket}/zcash/mainnet/zebra-mainnet-h100.tar.zst";
        var length = gcs.Objects[archivePath].Data.Length;
        gcs.SetFault(archivePath, new Fault { ResetAfterBytes = length / 2 });
        Assert.True(length > 200_000, "big enough that bytes arrive before the reset");
        var tokensBefore = metadata.Requests.Count;
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--index", $"gs://{Bucket}/zcash/mainnet/snapshots.json", "--height", "100", .. AgentRun.FastRetries(), .. Through(gcs, metadata), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(StateTrees.Snapshot(dir.Combine("src-mainnet-100", "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        Assert.Equal($"gs://{Bucket}/zcash/mainnet/zebra-mainnet-h100.tar.zst", SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName))).Url);
        Assert.All(gcs.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
        var gets = gcs.RequestsFor(archivePath).Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, gets.Count);
        Assert.Equal("", gets[0].Range);
        Assert.Equal("", gets[0].IfGenerationMatch);
        Assert.StartsWith("bytes=", gets[1].Range, StringComparison.Ordinal);
        Assert.Equal(gcs.Objects[archivePath].Generation.ToString(System.Globalization.CultureInfo.InvariantCulture), gets[1].IfGenerationMatch);

        // One token for the whole restore (index, archive, resume), and never in a log line.
        Assert.Equal(tokensBefore + 1, metadata.Requests.Count);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StallMidStream_TimesOutAndResumesWithRange()
    {
        using var dir = new TempDirectory();
        var (gcs, metadata) = await StartAsync();
        await using var _ = gcs;
        await using var __ = metadata;
        var snapshot = FoundationSnapshot.Make(dir, files: 6);
        gcs.Put($"{Bucket}/a.tar.zst", File.ReadAllBytes(snapshot.Archive), new Fault { StallAfterBytes = 100_000, StallTimes = 1 });
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"gs://{Bucket}/a.tar.zst", "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(3, 0.5), .. Through(gcs, metadata), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target, $"gs://{Bucket}/a.tar.zst");
        Assert.Contains("server stalled: no data for 0.5 s at byte 100000", result.Output, StringComparison.Ordinal);
        Assert.Equal(["", "bytes=100000-"], gcs.RequestsFor($"{Bucket}/a.tar.zst").Select(r => r.Range));
    }

    [Fact]
    public async Task RefusedToken_FailsNamingTheUrl_WithoutPrintingTheToken()
    {
        using var dir = new TempDirectory();
        var (gcs, metadata) = await StartAsync();
        await using var _ = gcs;
        await using var __ = metadata;
        metadata.Tokens = ["someone-elses-token"];
        var snapshot = FoundationSnapshot.Make(dir);
        gcs.Put($"{Bucket}/a.tar.zst", File.ReadAllBytes(snapshot.Archive));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"gs://{Bucket}/a.tar.zst", "--sha256", snapshot.Sha256, .. Through(gcs, metadata), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        // The first object read is the manifest beside the archive: refused, not "absent".
        Assert.StartsWith($"restore: GCS HTTP 401 for gs://{Bucket}/a.tar.zst.manifest.json: the identity the agent runs as", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-elses-token", result.Output + result.Error, StringComparison.Ordinal);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task MissingObject_FailsWithOneLineNamingTheUrl()
    {
        using var dir = new TempDirectory();
        var (gcs, metadata) = await StartAsync();
        await using var _ = gcs;
        await using var __ = metadata;
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore", "--url", $"gs://{Bucket}/missing.tar.zst", "--sha256", new string('b', 64), .. Through(gcs, metadata), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.Equal($"restore: gs://{Bucket}/missing.tar.zst not found (no such object)\n", result.Error);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task NoMetadataServer_IsRetriedThenFailsWithinTheBoundedAttempts()
    {
        using var dir = new TempDirectory();
        await using var gcs = await FakeGcs.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        gcs.Put($"{Bucket}/a.tar.zst", File.ReadAllBytes(snapshot.Archive));
        var target = dir.Combine("target");

        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var result = await AgentRun.RunAsync(["restore", "--url", $"gs://{Bucket}/a.tar.zst", "--sha256", snapshot.Sha256, .. AgentRun.FastRetries(2), "--gcs-endpoint", gcs.Endpoint.ToString(), "--gcs-metadata-url", "http://127.0.0.1:9/token", .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Network, result.ExitCode);
        Assert.StartsWith($"restore: fetching gs://{Bucket}/a.tar.zst.manifest.json failed after 2 attempts: no GCS access token for gs://{Bucket}/a.tar.zst.manifest.json:", result.Error, StringComparison.Ordinal);
        Assert.Empty(gcs.Requests);
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task Verify_ReadsTheArchiveAndItsSha256FromTheBucket()
    {
        using var dir = new TempDirectory();
        var (gcs, metadata) = await StartAsync();
        await using var _ = gcs;
        await using var __ = metadata;
        var snapshot = FoundationSnapshot.Make(dir);
        gcs.Put($"{Bucket}/a.tar.zst", File.ReadAllBytes(snapshot.Archive));
        gcs.Put($"{Bucket}/a.tar.zst.sha256", File.ReadAllBytes(snapshot.Archive + ".sha256"));

        var result = await AgentRun.RunAsync(["verify", "--url", $"gs://{Bucket}/a.tar.zst", .. Through(gcs, metadata)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"verified gs://{Bucket}/a.tar.zst: sha256 {snapshot.Sha256}", result.Output, StringComparison.Ordinal);
    }
}
