using ZcashInfra.Components.Diff;
using ZcashInfra.Components.Tests.NodeSet;

namespace ZcashInfra.Components.Tests.Diff;

public class TextDiffTests
{
    [Fact]
    public void A_changed_line_shows_with_two_lines_of_context_either_side()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 10\n", "line ten\n", StringComparison.Ordinal);

        Assert.Equal(["@@ -8,5 +8,5 @@", " line 8", " line 9", "-line 10", "+line ten", " line 11", " line 12"], TextDiff.Unified(before, after));
    }

    [Fact]
    public void Changes_far_apart_are_separate_hunks_and_near_ones_share_one()
    {
        var before = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"l{i}"));
        var after = before.Replace("l3\n", "l3x\n", StringComparison.Ordinal).Replace("l6\n", string.Empty, StringComparison.Ordinal)
            .Replace("l25\n", "l25\nnew\n", StringComparison.Ordinal);

        var diff = TextDiff.Unified(before, after);

        Assert.Equal(2, diff.Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Equal("@@ -1,8 +1,7 @@", diff[0]);
        Assert.Equal(["-l3", "+l3x"], diff.Where(l => l is "-l3" or "+l3x"));
        Assert.Contains("-l6", diff);
        Assert.Contains("@@ -24,4 +23,5 @@", diff);
        Assert.Contains("+new", diff);
    }

    [Fact]
    public void A_long_one_line_value_shows_the_changed_part_with_some_context()
    {
        var before = new string('a', 500) + "OLD" + new string('z', 500);
        var after = new string('a', 500) + "NEW" + new string('z', 500);

        var cut = TextDiff.Excerpt(before, after)!.Value;

        Assert.Equal("…" + new string('a', TextDiff.ExcerptContext) + "OLD" + new string('z', TextDiff.ExcerptContext) + "…", cut.Before);
        Assert.Equal("…" + new string('a', TextDiff.ExcerptContext) + "NEW" + new string('z', TextDiff.ExcerptContext) + "…", cut.After);
        Assert.Null(TextDiff.Excerpt("short", "shorter"));
    }

    /// <summary>A one-line change inside zebrad.toml: the Markdown shows the line that changed, not two truncated strings.</summary>
    [Fact]
    public void The_markdown_of_a_one_line_zebrad_toml_change_shows_that_line()
    {
        var (before, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet);
        var (after, _) = NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet, a => a with { PeerGroup = "canary" });
        var report = new DiffReport("base", "change", [GraphDiff.Compare(DiffSide.FromGraph(before), DiffSide.FromGraph(after))]);

        var markdown = DiffMarkdown.Render(report);
        var tree = DiffTree.Render(report);

        Assert.Contains("`data[\"zebrad.toml\"]`:\n\n```diff\n@@ ", markdown, StringComparison.Ordinal);
        Assert.Contains("\n-    \"zcash-mainnet-peers.zcash.svc.cluster.local:8233\",\n+    \"zcash-mainnet-canary-peers.zcash.svc.cluster.local:8233\",\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| `data[\"zebrad.toml\"]` ⚠️ predicted to force replacement |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[network]", markdown.Split("```diff")[0], StringComparison.Ordinal);
        Assert.Contains("-    \"zcash-mainnet-peers.zcash.svc.cluster.local:8233\",\n", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("\\n", tree.Split('\n').Single(l => l.Contains("data[\"zebrad.toml\"]", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_diff_that_contains_backticks_keeps_its_fence_closed()
    {
        var change = new PropertyChange("spec.steps[0].script", "\"echo ```a```\\nb\\n\"", "\"echo ```a```\\nc\\n\"");
        var report = new DiffReport("a", "b", [new StackDiff("dev", [new ResourceChange(ChangeKind.Changed, "dev/t", null, "kubernetes:tekton.dev/v1:Task", "t", Components.Graph.NodeKind.Resource, null, null, [], [change])], [], 0)]);

        var markdown = DiffMarkdown.Render(report);

        Assert.Contains("````diff\n@@ -1,2 +1,2 @@\n echo ```a```\n-b\n+c\n````\n", markdown, StringComparison.Ordinal);
    }
}
