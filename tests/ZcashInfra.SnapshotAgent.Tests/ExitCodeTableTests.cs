using System.Text.RegularExpressions;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// The exit-code table in the agent's README is the contract (alerts and people read pod exit
/// codes): every code it documents is produced by a real run here, and every code the agent has is
/// documented. A row added, removed or renumbered on one side only fails this test.
/// </summary>
public sealed partial class ExitCodeTableTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>The agent's codes, written out (the constants are the code's side of the contract).</summary>
    private static readonly int[] AgentCodes =
    [
        ExitCodes.Ok, ExitCodes.Failed, ExitCodes.Usage, ExitCodes.Incompatible, ExitCodes.Integrity, ExitCodes.Network,
        ExitCodes.Disk, ExitCodes.UnsafeArchive, ExitCodes.Conflict, ExitCodes.Busy, ExitCodes.Cancelled,
    ];

    public static TheoryData<int> DocumentedCodes() => [.. ReadmeTable().Keys];

    [Fact]
    public void ReadmeTable_DocumentsEveryCodeTheAgentHas()
    {
        Assert.Equal(AgentCodes.Order(), ReadmeTable().Keys.Order());
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task EveryDocumentedCode_IsWhatARealRunExitsWith(int code)
    {
        var (result, meaning) = (await RunScenarioAsync(code), ReadmeTable()[code]);

        Assert.True(result.ExitCode == code, $"README: {code} = {meaning}\n{result}");
        if (code != ExitCodes.Ok)
        {
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    private async Task<AgentResult> RunScenarioAsync(int code)
    {
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(_dir, files: 2, fileSize: 20_000);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        var target = _dir.Combine("target");
        string[] restore = ["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target), .. AgentRun.FastRetries()];
        switch (code)
        {
            case ExitCodes.Ok:
                return await AgentRun.RunAsync(["verify", "--file", snapshot.Archive]);
            case ExitCodes.Failed:
                // A marker that is not JSON: the agent cannot tell what the volume holds, and says so.
                StateTrees.Zebra(target, files: 1, fileSize: 10);
                File.WriteAllText(Path.Combine(target, RestoreMarker.FileName), "not json");
                return await AgentRun.RunAsync(restore);
            case ExitCodes.Usage:
                return await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--network", "foonet", "--implementation", "zebrad", "--db-major", "28", "--target", target]);
            case ExitCodes.Incompatible:
                var v27 = FoundationSnapshot.Make(_dir, "v27.tar.zst", major: 27, files: 1, fileSize: 1000);
                return await AgentRun.RunAsync(["restore", "--url", server.ServeFile("v27.tar.zst", v27.Archive).ToString(), "--sha256", v27.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);
            case ExitCodes.Integrity:
                return await AgentRun.RunAsync(["verify", "--file", snapshot.Archive, "--sha256", new string('0', 64)]);
            case ExitCodes.Network:
                return await AgentRun.RunAsync(["verify", "--url", server.Url("missing.tar.zst").ToString(), "--sha256", snapshot.Sha256, .. AgentRun.FastRetries()]);
            case ExitCodes.Disk:
                // sysfs refuses to create anything, for root too.
                return await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs("/sys/fs/snapshot-agent-target")]);
            case ExitCodes.UnsafeArchive:
                var unsafeTar = _dir.Combine("unsafe.tar");
                using (var file = File.Create(unsafeTar))
                using (var writer = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Pax))
                {
                    writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "../escape") { DataStream = new MemoryStream([1]) });
                }

                return await AgentRun.RunAsync(["verify", "--file", unsafeTar, "--sha256", Tools.Sha256Sum(unsafeTar)]);
            case ExitCodes.Conflict:
                var store = _dir.Combine("store");
                Directory.CreateDirectory(Path.Combine(store, "mainnet"));
                File.WriteAllText(Path.Combine(store, "mainnet", "snapshots.json.lock"), SnapshotJson.WriteLock(new PublishLockRecord("job-7", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1))));
                return await AgentRun.RunAsync(["publish", "--to", new Uri(store).ToString(), "--archive", Snapshots.Create(_dir, 100), "--lock-wait-seconds", "0"]);
            case ExitCodes.Busy:
                Directory.CreateDirectory(target);
                using (TargetClaim.Acquire(target))
                {
                    return await AgentRun.RunAsync(restore);
                }

            case ExitCodes.Cancelled:
                // What Program does on SIGTERM: cancel the run's token (the signal itself is tested with a real process).
                var stall = new Fault { StallAfterBytes = 1000 };
                var stalled = server.ServeFile("stalled.tar.zst", snapshot.Archive, stall);
                using (var cancel = new CancellationTokenSource())
                {
                    var run = AgentRun.RunAsync(cancel.Token, ["restore", "--url", stalled.ToString(), "--sha256", snapshot.Sha256, .. FoundationSnapshot.RestoreArgs(target)]);
                    await stall.StallStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
                    await cancel.CancelAsync();
                    return await run;
                }

            default:
                throw new Xunit.Sdk.XunitException($"the README documents exit {code}, which no scenario here produces: add one");
        }
    }

    /// <summary>Code → meaning, from the "| code | meaning |" table of tools/ZcashInfra.SnapshotAgent/README.md.</summary>
    private static Dictionary<int, string> ReadmeTable()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "tools", "ZcashInfra.SnapshotAgent", "README.md"));
        var header = Array.FindIndex(readme, line => line.Trim() == "| code | meaning |");
        Assert.True(header >= 0, "the README has no '| code | meaning |' table");
        var table = new Dictionary<int, string>();
        foreach (var line in readme.Skip(header + 2).TakeWhile(line => line.StartsWith('|')))
        {
            var row = Row().Match(line);
            Assert.True(row.Success, $"README exit-code row not understood: {line}");
            Assert.True(table.TryAdd(int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), row.Groups[2].Value.Trim()), $"exit code documented twice: {line}");
        }

        return table;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZcashInfra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (ZcashInfra.sln) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*(\d+)\s*\|(.+)\|\s*$")]
    private static partial Regex Row();

    public void Dispose() => _dir.Dispose();
}
