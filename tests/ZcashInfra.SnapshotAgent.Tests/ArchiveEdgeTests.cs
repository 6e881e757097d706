using System.Formats.Tar;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>
/// Archives the README promises to read (pzstd output, skippable frames anywhere), names the
/// target filesystem cannot hold (verify and restore must agree), and a server that splices a
/// changed object.
/// </summary>
public sealed class ArchiveEdgeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Target => _dir.Combine("target");

    [Fact]
    public async Task PzstdArchive_RestoresAndVerifies()
    {
        await using var server = await ArchiveServer.StartAsync();
        var source = StateTrees.Zebra(_dir.Combine("src"), files: 6);
        var tar = Tools.GnuTar(source, _dir.Combine("p.tar"), "state");
        Tools.Run("pzstd", _dir.Path, "-q", "-p", "2", "-f", tar, "-o", tar + ".zst");
        var archive = tar + ".zst";
        var sha = Tools.Sha256Sum(archive);
        var url = server.ServeFile("p.tar.zst", archive);

        var verified = await AgentRun.RunAsync(["verify", "--url", url.ToString(), "--sha256", sha, "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28"]);
        var restored = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", sha, .. FoundationSnapshot.RestoreArgs(Target)]);

        Assert.True(verified.ExitCode == ExitCodes.Ok, verified.ToString());
        Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
        RestoreAssert.Restored(new FoundationSnapshot(source, archive, sha, "p.tar.zst"), Target, url.ToString());
    }

    [Fact]
    public async Task SkippableFramesBetweenAndAfterDataFrames_Restore()
    {
        // Two data frames (the tar split in two) with skippable frames before, between and after.
        await using var server = await ArchiveServer.StartAsync();
        var source = StateTrees.Zebra(_dir.Combine("src"), files: 4);
        var tar = File.ReadAllBytes(Tools.GnuTar(source, _dir.Combine("s.tar"), "state"));
        var half = tar.Length / 2;
        byte[] archive = [.. Skippable(1), .. Zstd(tar[..half], "h1"), .. Skippable(2), .. Zstd(tar[half..], "h2"), .. Skippable(3)];
        var path = _dir.Combine("s.tar.zst");
        File.WriteAllBytes(path, archive);
        var sha = Tools.Sha256Sum(path);
        var url = server.ServeFile("s.tar.zst", path);

        var restored = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", sha, .. FoundationSnapshot.RestoreArgs(Target)]);

        Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
        RestoreAssert.Restored(new FoundationSnapshot(source, path, sha, "s.tar.zst"), Target, url.ToString());
    }

    [Theory]
    [InlineData(256, 1)]
    [InlineData(300, 1)]
    [InlineData(200, 25)]
    public async Task NamesTheFilesystemCannotHold_VerifyAndRestoreBothRefuseThemAsInvalidEntries(int componentBytes, int depth)
    {
        var name = "state/v28/mainnet/" + string.Join('/', Enumerable.Range(0, depth).Select(i => new string((char)('a' + (i % 26)), componentBytes)));
        var archive = TarWith(name);

        var verified = await AgentRun.RunAsync(["verify", "--file", archive, "--sha256", Tools.Sha256Sum(archive), "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28"]);
        var restored = await AgentRun.RunAsync(["restore", "--url", new Uri(archive).ToString(), "--sha256", Tools.Sha256Sum(archive), .. FoundationSnapshot.RestoreArgs(Target)]);

        Assert.True(verified.ExitCode == ExitCodes.UnsafeArchive, verified.ToString());
        Assert.True(restored.ExitCode == ExitCodes.UnsafeArchive, restored.ToString());
        RestoreAssert.OneErrorLine(verified, "too long");
        RestoreAssert.OneErrorLine(restored, "too long");
        RestoreAssert.Untouched(Target);
    }

    [Fact]
    public async Task NamesAtTheLimits_VerifyAndRestoreBothAccept()
    {
        // 255-byte components, and a path of exactly the allowed length.
        var component = new string('c', EntryPaths.MaxComponentBytes);
        var prefix = "state/v28/mainnet/";
        var deep = prefix + string.Join('/', Enumerable.Repeat(new string('d', 254), 11));
        var longest = deep + "/" + new string('e', EntryPaths.MaxPathBytes - deep.Length - 1);
        Assert.Equal(EntryPaths.MaxPathBytes, longest.Length);
        var archive = TarWith(prefix + component, longest);

        var verified = await AgentRun.RunAsync(["verify", "--file", archive, "--sha256", Tools.Sha256Sum(archive), "--network", "mainnet", "--implementation", "zebrad", "--db-major", "28"]);
        var restored = await AgentRun.RunAsync(["restore", "--url", new Uri(archive).ToString(), "--sha256", Tools.Sha256Sum(archive), .. FoundationSnapshot.RestoreArgs(Target)]);

        Assert.True(verified.ExitCode == ExitCodes.Ok, verified.ToString());
        Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
        Assert.True(File.Exists(Path.Combine(Target, prefix + component)));
        Assert.True(File.Exists(Path.Combine(Target, longest)));
    }

    [Fact]
    public async Task ResumeAnswered206ForAChangedObject_FailsAsChanged_NotAsADigestMismatch()
    {
        await using var server = await ArchiveServer.StartAsync();
        var first = FoundationSnapshot.Make(_dir, "first.tar.zst", files: 4);
        var second = FoundationSnapshot.Make(_dir, "second.tar.zst", files: 4, fileSize: 200_000);
        var length = new FileInfo(first.Archive).Length;

        // Reset half-way; the resume then gets a 206 of the replaced object (other ETag), because
        // this server ignores If-Range.
        var fault = new Fault { ResetAfterBytes = length / 2, ReplacedFromRequest = 2, Replacement = File.ReadAllBytes(second.Archive) };
        var url = server.ServeFile("a.tar.zst", first.Archive, fault);

        var restored = await AgentRun.RunAsync(["restore", "--url", url.ToString(), "--sha256", first.Sha256, .. FoundationSnapshot.RestoreArgs(Target), .. AgentRun.FastRetries()]);

        Assert.True(restored.ExitCode == ExitCodes.Network, restored.ToString());
        RestoreAssert.OneErrorLine(restored, $"{url} changed during the download");
        RestoreAssert.Untouched(Target);
        var requests = server.RequestsFor("a.tar.zst");
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("\"", requests[1].IfRange, StringComparison.Ordinal);
    }

    private string TarWith(params string[] names)
    {
        var path = _dir.Combine("names.tar");
        using (var file = File.Create(path))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            foreach (var name in names)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1, 2, 3]) });
            }
        }

        return path;
    }

    private byte[] Zstd(byte[] data, string name)
    {
        var input = _dir.Combine(name);
        File.WriteAllBytes(input, data);
        Tools.Run("zstd", _dir.Path, "-q", "-f", input, "-o", input + ".zst");
        return File.ReadAllBytes(input + ".zst");
    }

    private static byte[] Skippable(byte fill)
    {
        // RFC 8878 §3.1.2: magic 0x184D2A5?, 4-byte little-endian size, user data.
        byte[] frame = [0x5A, 0x2A, 0x4D, 0x18, 16, 0, 0, 0, .. Enumerable.Repeat(fill, 16)];
        return frame;
    }

    public void Dispose() => _dir.Dispose();
}
