using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Graph;
using ZcashInfra.Tests.Shared;
using static ZcashInfra.Components.Tests.Diff.DiffFixtures;

namespace ZcashInfra.Components.Tests.Diff;

public partial class DiffRenderTests
{
    /// <summary>Every kind of change across three stacks: the report reviewers see.</summary>
    private static DiffReport Report()
    {
        var dev = Compare(
            new Shape(),
            new Shape { WithMonitoring = true, WithLegacyConfig = false, Replicas = 3, StorageSize = "300Gi", Kubeconfig = Secret.FromPlaintext("kubeconfig-b") });
        var staging = GraphDiff.Compare(DiffSide.FromGraph(Moved(false)), DiffSide.FromGraph(Moved(true)));
        var prod = Compare(new Shape { StackName = "prod" }, new Shape { StackName = "prod" });
        return new DiffReport("origin/main (0123456789ab)", "working tree", [dev, staging, prod]);

        static ResourceGraph Moved(bool moved)
        {
            var builder = new GraphBuilder("staging");
            var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
            var old = builder.Root.Component("zcash-infra:index:Old", "old");
            var @new = builder.Root.Component("zcash-infra:index:New", "new");
            (moved ? @new : old).Resource("kubernetes:core/v1:ConfigMap", "cfg", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "cfg" },
                ["data"] = new JsonObject { ["a"] = moved ? "2" : "1|`x`" },
            }, new NodeOptions { Provider = provider });
            return builder.Build();
        }
    }

    [Fact]
    public void Markdown_matches_the_golden_file() =>
        Golden.Check("tests/ZcashInfra.Components.Tests/Diff/golden/report.md", DiffMarkdown.Render(Report()));

    [Fact]
    public void Tree_matches_the_golden_file() =>
        Golden.Check("tests/ZcashInfra.Components.Tests/Diff/golden/report.txt", DiffTree.Render(Report()));

    [Fact]
    public void Markdown_puts_replacements_and_counts_before_any_detail()
    {
        var text = DiffMarkdown.Render(Report());
        var warning = text.IndexOf("> [!WARNING]", StringComparison.Ordinal);
        var table = text.IndexOf("| stack | added | removed | changed | replaced (predicted) | moved | unchanged |", StringComparison.Ordinal);
        var firstDetail = text.IndexOf("<details>", StringComparison.Ordinal);
        Assert.True(warning >= 0 && warning < table && table < firstDetail, text);
        Assert.Contains("> **2 resources are predicted to be REPLACED**", text, StringComparison.Ordinal);
        Assert.Contains("| `dev` | 1 | 1 | 1 | **1** | 0 | 5 |", text, StringComparison.Ordinal);
        Assert.Contains("| `staging` | 0 | 0 | 0 | 0 | **1** | 3 |", text, StringComparison.Ordinal);
        Assert.Contains("| `prod` | 0 | 0 | 0 | 0 | 0 | 8 |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kubeconfig-b", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_without_changes_says_so()
    {
        var text = DiffMarkdown.Render(new DiffReport("a", "b", [Compare(new Shape(), new Shape())]));
        Assert.Contains("No changes.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<details>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[!WARNING]", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DiffMarkdown.MinMaxChars)]
    [InlineData(5_000)]
    [InlineData(DiffMarkdown.DefaultMaxChars)]
    public void Markdown_is_cut_at_the_cap_between_whole_blocks_with_a_note(int cap)
    {
        var report = new DiffReport("a", "b", [GraphDiff.Compare(DiffSide.FromGraph(ManyConfigMaps("1")), DiffSide.FromGraph(ManyConfigMaps("2")))]);
        var text = DiffMarkdown.Render(report, cap);

        Assert.True(text.Length <= cap, $"{text.Length} > {cap}");
        Assert.Contains("| `dev` | 0 | 0 | 1500 | 0 | 0 | 1 |", text, StringComparison.Ordinal);
        Assert.Equal(Count(text, "<details>"), Count(text, "</details>"));
        var omitted = int.Parse(CutNote().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1 + 1500, Count(text, "<details>") + omitted + 1); // the stack heading is a section too
        Assert.EndsWith("for the whole diff.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_that_fits_is_not_cut()
    {
        var text = DiffMarkdown.Render(Report());
        Assert.DoesNotContain("Cut to fit", text, StringComparison.Ordinal);
        Assert.True(text.Length < DiffMarkdown.DefaultMaxChars);
    }

    [Fact]
    public void A_cap_below_the_minimum_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffMarkdown.Render(Report(), DiffMarkdown.MinMaxChars - 1));

    [Fact]
    public void Table_cells_cannot_break_out_of_their_code_span()
    {
        var text = DiffMarkdown.Render(Report());
        Assert.Contains("| `data.a` ⚠️ predicted to force replacement | ``\"1\\|`x`\"`` | `\"2\"` |", text, StringComparison.Ordinal);
    }

    private static ResourceGraph ManyConfigMaps(string value)
    {
        var builder = new GraphBuilder("dev");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        for (var i = 0; i < 1500; i++)
        {
            builder.Root.Resource("kubernetes:core/v1:ServiceAccount", $"sa-{i:0000}", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"sa-{i:0000}", ["annotations"] = new JsonObject { ["revision"] = value } },
            }, new NodeOptions { Provider = provider });
        }

        return builder.Build();
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex(@"Cut to fit a comment:\*\* (\d+) more section")]
    private static partial Regex CutNote();
}
