using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Publish;

namespace ZcashInfra.SnapshotAgent.Tests;

public class IndexUpdateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static SnapshotIndexEntry Entry(long height, int daysOld, params string[] roles) =>
        new() { Url = $"https://s/mainnet/h{height}.tar.zst", Height = height, DbMajor = 28, Roles = roles, CreatedAt = Now.AddDays(-daysOld) };

    [Fact]
    public void NewEntry_GoesFirstAndTakesTheLatestRole()
    {
        var (index, pruned) = IndexUpdate.Apply([Entry(200, 5, "latest", "pinned"), Entry(100, 10)], Entry(300, 0, "latest"), new RetentionPolicy(0, null), Now);

        Assert.Equal([300L, 200, 100], index.Select(e => e.Height));
        Assert.Equal(["latest"], index[0].Roles);
        Assert.Equal(["pinned"], index[1].Roles);
        Assert.Single(index, e => e.IsLatest);
        Assert.Empty(pruned);
    }

    [Fact]
    public void Retention_ByCountAndAge_NeverDropsTheLatest()
    {
        var current = new[] { Entry(400, 400, "latest"), Entry(300, 1), Entry(200, 2), Entry(100, 3) };

        var (index, pruned) = IndexUpdate.Apply(current, Entry(50, 0), new RetentionPolicy(2, TimeSpan.FromDays(30)), Now);

        // 400 is the newest by height (hence latest) though older than the age limit: it stays.
        Assert.Equal([400L, 300], index.Select(e => e.Height));
        Assert.Equal([200L, 100, 50], pruned.Select(e => e.Height));
    }

    [Fact]
    public void RepublishingTheSameUrl_ReplacesItsEntry()
    {
        var (index, _) = IndexUpdate.Apply([Entry(100, 1, "latest")], Entry(100, 0) with { Sha256 = new string('b', 64) }, new RetentionPolicy(3, null), Now);

        Assert.Single(index);
        Assert.Equal(new string('b', 64), index[0].Sha256);
    }

    [Fact]
    public void FoundationFieldsAndUnknownFields_SurviveARewrite()
    {
        const string Json = """[{"url":"https://z/a.tar.zst","roles":["latest"],"height":5,"db_major":28,"sha256":null,"zebrad_version":"6.3.0","manifest_url":"https://z/a.json","mirror":"eu"}]""";
        var entries = SnapshotJson.ParseIndex(Json);

        var (index, _) = IndexUpdate.Apply(entries, Entry(10, 0), new RetentionPolicy(0, null), Now);
        var rewritten = SnapshotJson.WriteIndex(index);

        Assert.Contains("\"mirror\": \"eu\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("\"zebrad_version\": \"6.3.0\"", rewritten, StringComparison.Ordinal);
        Assert.Contains("\"manifest_url\": \"https://z/a.json\"", rewritten, StringComparison.Ordinal);
        Assert.Equal(2, SnapshotJson.ParseIndex(rewritten).Count);
    }
}
