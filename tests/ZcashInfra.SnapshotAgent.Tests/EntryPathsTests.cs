using ZcashInfra.SnapshotAgent.Extraction;

namespace ZcashInfra.SnapshotAgent.Tests;

public class EntryPathsTests
{
    [Theory]
    [InlineData("state/v28/mainnet/CURRENT", "state/v28/mainnet/CURRENT")]
    [InlineData("./state//v28/./mainnet/", "state/v28/mainnet")]
    [InlineData("./", "")]
    public void Normalize_KeepsSafeNames(string name, string expected)
    {
        Assert.Equal(expected, EntryPaths.Normalize(name, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("../outside", "..")]
    [InlineData("state/../../outside", "..")]
    [InlineData("state/..", "..")]
    public void Normalize_RefusesEscapes(string name, string expected)
    {
        Assert.Null(EntryPaths.Normalize(name, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sibling", true)]
    [InlineData("sub/dir/file", true)]
    [InlineData("./file", true)]
    [InlineData("../file", false)]
    [InlineData("sub/../../x", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("", false)]
    public void SymlinkTargets_OnlyPointDownwards(string target, bool safe)
    {
        Assert.Equal(safe, EntryPaths.CheckSymlinkTarget(target) is null);
    }
}
