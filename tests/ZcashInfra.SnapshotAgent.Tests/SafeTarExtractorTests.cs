using System.Formats.Tar;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Extraction;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>The extractor on archives made by GNU tar and on hand-crafted hostile ones.</summary>
public class SafeTarExtractorTests
{
    private static ExtractionStats Extract(string archive, string root, StateLayout? layout = null)
    {
        using var stream = File.OpenRead(archive);
        return new SafeTarExtractor(PhysicalExtractionFileSystem.Instance, AgentLog.Null).Extract(stream, root, layout, write: true, CancellationToken.None);
    }

    private static string Crafted(TempDirectory dir, params TarEntry[] entries)
    {
        var path = dir.Combine("crafted.tar");
        using var file = File.Create(path);
        using var writer = new TarWriter(file, TarEntryFormat.Gnu);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }

        return path;
    }

    private static GnuTarEntry FileEntry(string name, string content = "x") =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };

    [Fact]
    public void GnuTarTree_WithLongNamesAndLinks_IsReproducedExactly()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("src"));
        var db = Path.Combine(source, "state", "v28", "mainnet");
        var deep = Path.Combine(db, new string('d', 120), new string('e', 90));
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "long-name-file-" + new string('f', 100)), "deep");
        File.CreateSymbolicLink(Path.Combine(db, "CURRENT-link"), "CURRENT");
        Native.Libc.CreateHardLink(Path.Combine(db, "000001.sst"), Path.Combine(db, "hardlinked.sst"));
        var archive = Tools.GnuTar(source, dir.Combine("a.tar"), "state");

        var root = dir.Combine("out");
        Directory.CreateDirectory(root);
        var stats = Extract(archive, root);

        Assert.Equal(StateTrees.Snapshot(source), StateTrees.Snapshot(root));
        Assert.Equal(2, stats.Links);
        Assert.Equal(new FileInfo(Path.Combine(db, "000001.sst")).Length, new FileInfo(Path.Combine(root, "state", "v28", "mainnet", "hardlinked.sst")).Length);
    }

    [Fact]
    public void AbsolutePath_FromGnuTarP_IsRefused()
    {
        using var dir = new TempDirectory();
        var victim = dir.Combine("victim.txt");
        File.WriteAllText(victim, "original");
        var archive = dir.Combine("abs.tar");
        Tools.Run("tar", dir.Path, "-cPf", archive, victim);
        File.WriteAllText(victim, "changed?");
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        var error = Assert.Throws<AgentException>(() => Extract(archive, root));

        Assert.Equal(ExitCodes.UnsafeArchive, error.ExitCode);
        Assert.Contains("absolute path", error.Message, StringComparison.Ordinal);
        Assert.Equal("changed?", File.ReadAllText(victim));
    }

    [Fact]
    public void DotDotPath_FromGnuTarP_IsRefusedBeforeWriting()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("work", "sub"));
        File.WriteAllText(dir.Combine("work", "evil.txt"), "evil");
        var archive = dir.Combine("dotdot.tar");
        Tools.Run("tar", dir.Combine("work", "sub"), "-cPf", archive, "../evil.txt");
        var root = dir.Combine("a", "out");
        Directory.CreateDirectory(root);

        var error = Assert.Throws<AgentException>(() => Extract(archive, root));

        Assert.Equal(ExitCodes.UnsafeArchive, error.ExitCode);
        Assert.False(File.Exists(dir.Combine("a", "evil.txt")));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../..")]
    public void SymlinkLeavingTheTarget_IsRefused(string target)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("src", "state"));
        File.CreateSymbolicLink(dir.Combine("src", "state", "escape"), target);
        var archive = Tools.GnuTar(dir.Combine("src"), dir.Combine("l.tar"), "state");
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        var error = Assert.Throws<AgentException>(() => Extract(archive, root));

        Assert.Equal(ExitCodes.UnsafeArchive, error.ExitCode);
        Assert.False(File.Exists(Path.Combine(root, "state", "escape")) || Directory.Exists(Path.Combine(root, "state", "escape")));
    }

    [Fact]
    public void SymlinkThenFileThroughIt_CannotClimbOut()
    {
        // The classic two-step escape: plant "x -> ..", then write "x/owned". The link is refused.
        using var dir = new TempDirectory();
        var archive = Crafted(dir, new GnuTarEntry(TarEntryType.SymbolicLink, "x") { LinkName = ".." }, FileEntry("x/owned"));
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        Assert.Equal(ExitCodes.UnsafeArchive, Assert.Throws<AgentException>(() => Extract(archive, root)).ExitCode);
        Assert.False(File.Exists(dir.Combine("owned")));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("never-extracted")]
    public void HardLinkToAnythingButAnExtractedFile_IsRefused(string target)
    {
        using var dir = new TempDirectory();
        var archive = Crafted(dir, FileEntry("state/a"), new GnuTarEntry(TarEntryType.HardLink, "state/b") { LinkName = target });
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        Assert.Equal(ExitCodes.UnsafeArchive, Assert.Throws<AgentException>(() => Extract(archive, root)).ExitCode);
        Assert.False(File.Exists(Path.Combine(root, "state", "b")));
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    [InlineData(TarEntryType.Fifo)]
    public void DeviceFilesAndFifos_AreRefused(TarEntryType type)
    {
        using var dir = new TempDirectory();
        var archive = Crafted(dir, new GnuTarEntry(type, "state/dev"));
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        var error = Assert.Throws<AgentException>(() => Extract(archive, root));
        Assert.Equal(ExitCodes.UnsafeArchive, error.ExitCode);
        Assert.Contains(type.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state/v27/mainnet/CURRENT", "v27")]
    [InlineData("state/v28/testnet/CURRENT", "testnet")]
    [InlineData("non_finalized_state/testnet/x", "testnet")]
    public void ZebraLayout_RefusesAnotherDbMajorOrNetwork(string name, string named)
    {
        using var dir = new TempDirectory();
        var archive = Crafted(dir, FileEntry(name));
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        var error = Assert.Throws<AgentException>(() => Extract(archive, root, new ZebraStateLayout("mainnet", 28)));
        Assert.Equal(ExitCodes.Incompatible, error.ExitCode);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZebraLayout_SkipsEntriesOutsideTheState()
    {
        using var dir = new TempDirectory();
        var archive = Crafted(dir, FileEntry("state/v28/mainnet/CURRENT"), FileEntry("network/mainnet.peers"), FileEntry("README"));
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        var stats = Extract(archive, root, new ZebraStateLayout("mainnet", 28));

        Assert.Equal(2, stats.Skipped);
        Assert.True(File.Exists(Path.Combine(root, "state", "v28", "mainnet", "CURRENT")));
        Assert.False(File.Exists(Path.Combine(root, "README")));
    }

    [Fact]
    public void ZcashdLayout_LeavesOutLocksCookiesPidsAndWallets()
    {
        using var dir = new TempDirectory();
        var archive = Crafted(dir, FileEntry("blocks/blk00000.dat"), FileEntry("blocks/.lock"), FileEntry("chainstate/x.ldb"), FileEntry("wallet.dat"), FileEntry("chainstate/zcashd.pid"));
        var root = dir.Combine("out");
        Directory.CreateDirectory(root);

        Extract(archive, root, new ZcashdStateLayout());

        Assert.Equal(["blocks/blk00000.dat", "chainstate/x.ldb"], StateTrees.Snapshot(root).Keys.Select(k => k.Replace('\\', '/')));
    }

    [Fact]
    public void VerifyMode_ReadsEverythingAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var source = StateTrees.Zebra(dir.Combine("src"));
        var archive = Tools.GnuTar(source, dir.Combine("a.tar"), "state");
        var root = dir.Combine("never");
        using var stream = File.OpenRead(archive);

        var stats = new SafeTarExtractor(PhysicalExtractionFileSystem.Instance, AgentLog.Null).Extract(stream, root, null, write: false, CancellationToken.None);

        Assert.Equal(6, stats.Files);
        Assert.False(Directory.Exists(root));
    }
}
