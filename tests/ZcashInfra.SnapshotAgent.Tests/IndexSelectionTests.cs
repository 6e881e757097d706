using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>Which index entry a restore takes: the highest that fits, or exactly --height.</summary>
public class IndexSelectionTests
{
    private static readonly Uri Index = new("https://snapshots.example/mainnet/snapshots.json");
    private static readonly NodeRequirements Zebra28 = new("mainnet", Implementation.Zebrad, 28, null);

    private static SnapshotIndexEntry Entry(string url, long height, int major = 28, string? network = null) =>
        new() { Url = url, Height = height, DbMajor = major, Network = network };

    [Fact]
    public void WithoutHeight_TheHighestCompatibleEntryWins()
    {
        var choice = IndexSelection.Choose([Entry("v29.tar.zst", 400, 29), Entry("testnet.tar.zst", 500, network: "testnet"), Entry("a.tar.zst", 300), Entry("b.tar.zst", 200)], Zebra28, Index, null);

        Assert.Equal("a.tar.zst", choice.Entry.Url);
        Assert.Equal(2, choice.Incompatible);
        Assert.Equal(1, choice.OtherCompatible);
    }

    [Fact]
    public void WithHeight_ThatHeightWins_NotTheNewest()
    {
        var choice = IndexSelection.Choose([Entry("h400.tar.zst", 400), Entry("h300.tar.zst", 300), Entry("h200.tar.zst", 200)], Zebra28, Index, 300);

        Assert.Equal("h300.tar.zst", choice.Entry.Url);
        Assert.Equal(2, choice.OtherCompatible);
    }

    [Fact]
    public void WithHeight_AnIncompatibleEntryAtThatHeightIsPassedOver()
    {
        var choice = IndexSelection.Choose([Entry("v27-h300.tar.zst", 300, 27), Entry("v28-h300.tar.zst", 300), Entry("h400.tar.zst", 400)], Zebra28, Index, 300);

        Assert.Equal("v28-h300.tar.zst", choice.Entry.Url);
    }

    [Fact]
    public void WithHeight_TwoEntriesAtThatHeight_TheFirstInIndexOrderWins()
    {
        // The index lists newest first: the first of two same-height entries is the later upload.
        var choice = IndexSelection.Choose([Entry("again.tar.zst", 300), Entry("first.tar.zst", 300)], Zebra28, Index, 300);

        Assert.Equal("again.tar.zst", choice.Entry.Url);
    }

    [Fact]
    public void WithMissingHeight_FailsNamingTheNearestCompatibleHeights()
    {
        var error = Assert.Throws<AgentException>(() => IndexSelection.Choose([Entry("h400.tar.zst", 400), Entry("h300.tar.zst", 300), Entry("v27.tar.zst", 260, 27), Entry("h100.tar.zst", 100)], Zebra28, Index, 250));

        Assert.Equal(ExitCodes.Incompatible, error.ExitCode);
        Assert.Equal($"no snapshot at height 250 in {Index} fits a zebrad mainnet node with db major 28; nearest compatible heights: 100 (below), 300 (above)", error.Message);
    }

    [Fact]
    public void WithMissingHeight_AboveEverything_NamesOnlyTheHighestBelow()
    {
        var error = Assert.Throws<AgentException>(() => IndexSelection.Choose([Entry("h300.tar.zst", 300), Entry("h100.tar.zst", 100)], Zebra28, Index, 9_000_000));

        Assert.EndsWith("nearest compatible heights: 300 (below)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithHeightOnlyIncompatibleThere_SaysWhyItDoesNotFit()
    {
        var error = Assert.Throws<AgentException>(() => IndexSelection.Choose([Entry("h300.tar.zst", 300), Entry("v27-h250.tar.zst", 250, 27)], Zebra28, Index, 250));

        Assert.Equal(ExitCodes.Incompatible, error.ExitCode);
        Assert.EndsWith("nearest compatible heights: 300 (above); at height 250 only v27-h250.tar.zst (db major 27, node needs 28)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithHeight_ZcashdFlagsMustMatchToo()
    {
        var node = new NodeRequirements("mainnet", Implementation.Zcashd, 1, new ZcashdFlags(true, false, false));
        SnapshotIndexEntry Zcashd(string url, long height, ZcashdFlags flags) => new() { Url = url, Height = height, DbMajor = 1, Network = "mainnet", Implementation = "zcashd", Flags = flags };

        var error = Assert.Throws<AgentException>(() => IndexSelection.Choose([Zcashd("plain-h250.tar.zst", 250, new ZcashdFlags(false, false, false)), Zcashd("txindex-h200.tar.zst", 200, new ZcashdFlags(true, false, false))], node, Index, 250));

        Assert.Contains("nearest compatible heights: 200 (below); at height 250 only plain-h250.tar.zst (flags", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithHeight_NothingCompatibleAtAll_ListsWhyEachEntryFails()
    {
        var error = Assert.Throws<AgentException>(() => IndexSelection.Choose([Entry("v27.tar.zst", 5, 27)], Zebra28, Index, 5));

        Assert.Equal($"no snapshot at height 5 in {Index} fits a zebrad mainnet node with db major 28: v27.tar.zst (db major 27, node needs 28)", error.Message);
    }

    [Fact]
    public void EmptyIndex_SaysSo()
    {
        var error = Assert.Throws<AgentException>(() => IndexSelection.Choose([], Zebra28, Index, null));

        Assert.EndsWith(": the index is empty", error.Message, StringComparison.Ordinal);
    }
}
