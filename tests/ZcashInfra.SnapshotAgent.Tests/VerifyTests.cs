using System.Formats.Tar;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>verify: digest and structure without extracting.</summary>
public class VerifyTests
{
    [Fact]
    public async Task GoodArchive_VerifiesFromFileAndFromUrl()
    {
        using var dir = new TempDirectory();
        await using var server = await ArchiveServer.StartAsync();
        var snapshot = FoundationSnapshot.Make(dir);
        var url = server.ServeFile("a.tar.zst", snapshot.Archive);
        server.ServeFile("a.tar.zst.sha256", snapshot.Archive + ".sha256");
        var before = Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories).Count();

        var fromFile = await AgentRun.RunAsync("verify", "--file", snapshot.Archive, "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28");
        var fromUrl = await AgentRun.RunAsync("verify", "--url", url.ToString());

        Assert.True(fromFile.ExitCode == ExitCodes.Ok, fromFile.ToString());
        Assert.True(fromUrl.ExitCode == ExitCodes.Ok, fromUrl.ToString());
        Assert.Contains(snapshot.Sha256, fromUrl.Output, StringComparison.Ordinal);
        Assert.Contains("6 files", fromFile.Output, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task FlippedByte_FailsVerification()
    {
        using var dir = new TempDirectory();
        var snapshot = FoundationSnapshot.Make(dir);
        var bytes = File.ReadAllBytes(snapshot.Archive);
        bytes[^40] ^= 0x10;
        File.WriteAllBytes(snapshot.Archive, bytes);

        var result = await AgentRun.RunAsync("verify", "--file", snapshot.Archive);

        Assert.Equal(ExitCodes.Integrity, result.ExitCode);
        Assert.Contains(snapshot.Archive, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongDbMajorForTheNode_FailsVerification()
    {
        using var dir = new TempDirectory();
        var snapshot = FoundationSnapshot.Make(dir, major: 27);

        var result = await AgentRun.RunAsync("verify", "--file", snapshot.Archive, "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28");

        Assert.Equal(ExitCodes.Incompatible, result.ExitCode);
    }

    [Fact]
    public async Task UnsafeEntry_FailsVerificationEvenWithTheRightDigest()
    {
        using var dir = new TempDirectory();
        var archive = dir.Combine("evil.tar");
        using (var file = File.Create(archive))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "state/x") { LinkName = "/etc" });
        }

        var digest = Tools.Sha256Sum(archive);

        var result = await AgentRun.RunAsync("verify", "--file", archive, "--sha256", digest);

        Assert.Equal(ExitCodes.UnsafeArchive, result.ExitCode);
        Assert.Contains("state/x", result.Error, StringComparison.Ordinal);
    }
}
