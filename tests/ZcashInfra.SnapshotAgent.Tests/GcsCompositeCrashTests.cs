using System.Text;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// publish to gs:// killed (SIGKILL: no cleanup runs) after every part of a parallel composite
/// upload is uploaded and before the compose: only temporary objects under
/// <c>&lt;archive&gt;.parts/&lt;run&gt;/</c> remain — no archive, no index entry — and the next publish
/// of the same archive succeeds and deletes them.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class GcsCompositeCrashTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    private static string[] Args(FakeGcs gcs, string archive) =>
        ["publish", "--to", "gs://b/p", "--archive", archive, "--gcs-endpoint", gcs.Endpoint.ToString(), "--upload-connections", "4", "--upload-part-bytes", (5 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), "--progress-interval-seconds", "0.01"];

    [Fact]
    public async Task KilledBetweenPartsAndCompose_LeavesOnlyParts_TheNextRunPublishesAndDeletesThem()
    {
        await using var gcs = await FakeGcs.StartAsync();
        gcs.RequiredToken = "env-token";
        var archive = Snapshots.Create(_dir, 100, files: 24, fileSize: 1 << 20);
        var key = $"b/p/mainnet/{Path.GetFileName(archive)}";
        var parts = (int)((new FileInfo(archive).Length + (5 << 20) - 1) / (5 << 20));
        Assert.InRange(parts, 2, 8);
        var token = new Dictionary<string, string> { ["GOOGLE_OAUTH_ACCESS_TOKEN"] = "env-token" };

        using (var killed = AgentProcess.Start(new Dictionary<string, string>(token) { [CrashPoint.Variable] = CrashPoint.PartsUploaded }, Args(gcs, archive)))
        {
            await killed.WaitForOutputAsync($"paused at {CrashPoint.PartsUploaded}", Patience);
            await killed.KillAsync();
        }

        var left = gcs.Under(key + ".parts/");
        Assert.Equal(parts, left.Count);
        Assert.DoesNotContain(key, gcs.Objects.Keys);
        Assert.DoesNotContain("b/p/mainnet/snapshots.json", gcs.Objects.Keys);
        Assert.Empty(gcs.Composes);

        using var again = AgentProcess.Start(token, Args(gcs, archive));
        var result = await again.WaitAsync(Patience);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(archive), gcs.Objects[key].Data);
        Assert.Empty(gcs.Under(key + ".parts/"));
        Assert.Contains($"deleting {parts} leftover part objects", result.Output, StringComparison.Ordinal);
        Assert.Equal("0", gcs.Composes.Single().IfGenerationMatch);
        Assert.Single(SnapshotJson.ParseIndex(Encoding.UTF8.GetString(gcs.Objects["b/p/mainnet/snapshots.json"].Data)));
        ProgressLines.AssertPartWayAndDone(result.Output, "upload gs://b/p/mainnet/");
        Assert.DoesNotContain("env-token", result.Output + result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
