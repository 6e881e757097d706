using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// restore over several ranged connections (real HTTP on 127.0.0.1), with one range failing at a
/// time while the others proceed: the tree and the digest must come out exact, or the run must
/// fail without splicing.
/// </summary>
public class ParallelDownloadTests
{
    private const int RangeBytes = 64 * 1024;

    private static string[] Parallel(int connections = 4) =>
        ["--connections", connections.ToString(System.Globalization.CultureInfo.InvariantCulture), "--range-bytes", RangeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), .. AgentRun.FastRetries(attempts: 3, stallSeconds: 1)];

    /// <summary>A GNU tar + zstd CLI archive, or one made by create: several ranges long either way.</summary>
    private static FoundationSnapshot Archive(TempDirectory dir, bool byCreate)
    {
        if (!byCreate)
        {
            return FoundationSnapshot.Make(dir, "a.tar.zst", files: 8);
        }

        var archive = Snapshots.Create(dir, 100, files: 8, fileSize: 256 * 1024);
        var source = dir.Combine("src-mainnet-100");
        var sha = File.ReadAllText(archive + ".sha256").Split(' ')[0];
        return new FoundationSnapshot(source, archive, sha, Path.GetFileName(archive));
    }

    private static async Task<(AgentResult Result, string Target, ArchiveServer Server)> RestoreAsync(TempDirectory dir, FoundationSnapshot snapshot, Fault? fault, int connections = 4)
    {
        var server = await ArchiveServer.StartAsync();
        var url = server.ServeFile("a.tar.zst", snapshot.Archive, fault);
        var target = dir.Combine("target");
        var result = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. Parallel(connections), .. FoundationSnapshot.RestoreArgs(target)]);
        return (result, target, server);
    }

    private static List<RecordedRequest> ClosedRanges(ArchiveServer server) =>
        server.RequestsFor("a.tar.zst").Where(r => r.Range.Length > 0 && !r.Range.EndsWith('-')).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoFault_UsesSeveralRangesAndRestoresExactly(bool byCreate)
    {
        using var dir = new TempDirectory();
        var snapshot = Archive(dir, byCreate);
        var (result, target, server) = await RestoreAsync(dir, snapshot, null);
        await using var _ = server;

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        var length = new FileInfo(snapshot.Archive).Length;
        var ranges = ClosedRanges(server);
        Assert.Equal((length - 1) / RangeBytes, ranges.Count);
        Assert.All(ranges, r => Assert.StartsWith("\"", r.IfRange, StringComparison.Ordinal));
        Assert.Contains("4 connections", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RangeFault.Reset, false)]
    [InlineData(RangeFault.Reset, true)]
    [InlineData(RangeFault.Http500, false)]
    [InlineData(RangeFault.Http500, true)]
    [InlineData(RangeFault.WholeBody, false)]
    [InlineData(RangeFault.WholeBody, true)]
    [InlineData(RangeFault.Short, false)]
    [InlineData(RangeFault.Short, true)]
    [InlineData(RangeFault.Stall, false)]
    [InlineData(RangeFault.Stall, true)]
    public async Task OneRangeFails_ItAloneIsRetriedAndTheRestoreIsExact(RangeFault kind, bool byCreate)
    {
        using var dir = new TempDirectory();
        var snapshot = Archive(dir, byCreate);
        var length = new FileInfo(snapshot.Archive).Length;
        var at = (length / 2 / RangeBytes * RangeBytes) + 10;
        var (result, target, server) = await RestoreAsync(dir, snapshot, new Fault { OnceInRangeAt = at, OnceInRange = kind });
        await using var _ = server;

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        var rangeStart = at - 10;
        var covering = ClosedRanges(server).Where(r => Start(r) >= rangeStart && Start(r) < rangeStart + RangeBytes).ToList();
        Assert.True(covering.Count == 2, $"the faulted range alone is asked again: {string.Join(", ", covering.Select(r => r.Range))}\n{result}");
        if (kind is RangeFault.Short or RangeFault.Stall)
        {
            // Resumed inside the range, not from its start (a reset may lose the bytes in flight, so it is left out).
            Assert.True(Start(covering[1]) > rangeStart, covering[1].Range);
        }

        Assert.Contains($"retrying range {rangeStart}-", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerIgnoringRange_FallsBackToOneStream()
    {
        using var dir = new TempDirectory();
        var snapshot = Archive(dir, byCreate: false);
        var (result, target, server) = await RestoreAsync(dir, snapshot, new Fault { IgnoreRanges = true });
        await using var _ = server;

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Contains("does not honour Range", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, server.RequestsFor("a.tar.zst").Count);
    }

    [Fact]
    public async Task EtagChangesBetweenRanges_FailsWithoutSplicing()
    {
        using var dir = new TempDirectory();
        var snapshot = Archive(dir, byCreate: false);
        var replacement = File.ReadAllBytes(snapshot.Archive);
        replacement[^100] ^= 0xff;
        var (result, target, server) = await RestoreAsync(dir, snapshot, new Fault { ReplacedFromRequest = 4, Replacement = replacement });
        await using var _ = server;

        Assert.True(result.ExitCode == ExitCodes.Network, result.ToString());
        RestoreAssert.OneErrorLine(result, "changed during the download");
        RestoreAssert.Untouched(target);
    }

    [Fact]
    public async Task OneConnection_ReadsOneStream()
    {
        using var dir = new TempDirectory();
        var snapshot = Archive(dir, byCreate: false);
        var (result, target, server) = await RestoreAsync(dir, snapshot, null, connections: 1);
        await using var _ = server;

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        RestoreAssert.Restored(snapshot, target);
        Assert.Equal([""], server.RequestsFor("a.tar.zst").Select(r => r.Range));
    }

    private static long Start(RecordedRequest r) => long.Parse(r.Range["bytes=".Length..].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
}
