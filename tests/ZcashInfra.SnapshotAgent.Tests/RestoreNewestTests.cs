using System.Text;
using ZcashInfra.SnapshotAgent.Cli;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>restore-newest: the snapshot job's restore from the stack's own index or the Foundation's, whichever is newer.</summary>
public class RestoreNewestTests
{
    private static long RestoredHeight(string target) =>
        SnapshotJson.ParseMarker(File.ReadAllText(Path.Combine(target, RestoreMarker.FileName))).Height!.Value;

    [Fact]
    public async Task TheNewestEntryOfAllIndexesIsRestored()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var ours = FoundationSnapshot.Make(dir, "ours.tar.zst", files: 2);
        var theirs = FoundationSnapshot.Make(dir, "theirs.tar.zst");
        var oursUrl = server.ServeFile("ours/mainnet/ours.tar.zst", ours.Archive).ToString();
        var theirsUrl = server.ServeFile("zfnd/mainnet/theirs.tar.zst", theirs.Archive).ToString();
        var ourIndex = server.Serve("ours/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(oursUrl, 200, 28, ours.Sha256, latest: true))));
        var theirIndex = server.Serve("zfnd/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(theirsUrl, 300, 28, theirs.Sha256, latest: true))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore-newest", "--index", ourIndex.ToString(), "--index", theirIndex.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(StateTrees.Snapshot(Path.Combine(theirs.Source, "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        Assert.Equal(300, RestoredHeight(target));
        Assert.Empty(server.RequestsFor("ours/mainnet/ours.tar.zst"));
    }

    [Fact]
    public async Task AMissingOwnIndex_FallsBackToTheBootstrapIndex()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var theirs = FoundationSnapshot.Make(dir, "theirs.tar.zst");
        var theirsUrl = server.ServeFile("zfnd/mainnet/theirs.tar.zst", theirs.Archive).ToString();
        var theirIndex = server.Serve("zfnd/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(theirsUrl, 300, 28, theirs.Sha256, latest: true))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore-newest", "--index", server.Url("ours/mainnet/snapshots.json").ToString(), "--index", theirIndex.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(300, RestoredHeight(target));
        Assert.Contains("skipping " + server.Url("ours/mainnet/snapshots.json"), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnEqualHeightsTheEarlierIndexWins()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var ours = FoundationSnapshot.Make(dir, "ours.tar.zst", files: 2);
        var theirs = FoundationSnapshot.Make(dir, "theirs.tar.zst");
        var oursUrl = server.ServeFile("ours/mainnet/ours.tar.zst", ours.Archive).ToString();
        var theirsUrl = server.ServeFile("zfnd/mainnet/theirs.tar.zst", theirs.Archive).ToString();
        var ourIndex = server.Serve("ours/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(oursUrl, 300, 28, ours.Sha256))));
        var theirIndex = server.Serve("zfnd/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(theirsUrl, 300, 28, theirs.Sha256))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore-newest", "--index", ourIndex.ToString(), "--index", theirIndex.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(StateTrees.Snapshot(Path.Combine(ours.Source, "state")), StateTrees.Snapshot(Path.Combine(target, "state")));
        Assert.Empty(server.RequestsFor("zfnd/mainnet/theirs.tar.zst"));
    }

    [Fact]
    public async Task NothingCompatibleAnywhere_IsAnIncompatibleErrorNamingEachIndex()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var ourIndex = server.Serve("ours/mainnet/snapshots.json", Encoding.UTF8.GetBytes("[]"));
        var theirIndex = server.Serve("zfnd/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(server.Url("zfnd/mainnet/a.tar.zst").ToString(), 300, 27, new string('a', 64)))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore-newest", "--index", ourIndex.ToString(), "--index", theirIndex.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
        Assert.Contains("no index holds a snapshot for this node", result.Error, StringComparison.Ordinal);
        Assert.Contains(ourIndex + ": ", result.Error, StringComparison.Ordinal);
        Assert.Contains(theirIndex + ": ", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(target, "state")));
    }

    [Fact]
    public async Task ADigestMismatchInThePickedArchive_IsNeverRestored()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var theirs = FoundationSnapshot.Make(dir, "theirs.tar.zst");
        var theirsUrl = server.ServeFile("zfnd/mainnet/theirs.tar.zst", theirs.Archive).ToString();
        var theirIndex = server.Serve("zfnd/mainnet/snapshots.json", Encoding.UTF8.GetBytes(FoundationSnapshot.Index(FoundationSnapshot.Entry(theirsUrl, 300, 28, new string('b', 64)))));
        var target = dir.Combine("target");

        var result = await AgentRun.RunAsync(["restore-newest", "--index", theirIndex.ToString(), .. FoundationSnapshot.RestoreArgs(target)]);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(target, "state")));
    }

    [Fact]
    public void Parse_NeedsAtLeastOneReadableIndex()
    {
        Assert.Empty(AgentCli.Parse(["restore-newest", "--index", "https://a/testnet/snapshots.json", "--index", "https://b/testnet/snapshots.json", "--network", "testnet", "--implementation", "zebrad", "--db-major", "28", "--target", "/t"]));
        Assert.Contains(AgentCli.Parse(["restore-newest", "--network", "testnet", "--implementation", "zebrad", "--db-major", "28", "--target", "/t"]), e => e.Contains("--index", StringComparison.Ordinal));
        Assert.Empty(AgentCli.Parse(["restore-newest", "--index", "gs://bucket/testnet/snapshots.json", "--index", "s3://b/testnet/snapshots.json", "--s3-region", "us-east-1", "--network", "testnet", "--implementation", "zebrad", "--db-major", "28", "--target", "/t"]));
        Assert.Contains(AgentCli.Parse(["restore-newest", "--index", "ftp://bucket/testnet/snapshots.json", "--network", "testnet", "--implementation", "zebrad", "--db-major", "28", "--target", "/t"]),
            e => e.Contains("--index must be an absolute http(s)://", StringComparison.Ordinal));
    }
}
