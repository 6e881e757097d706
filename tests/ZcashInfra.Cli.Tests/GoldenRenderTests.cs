using System.Text.Json.Nodes;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

/// <summary>
/// Each stack's resource tree, checked in (see <see cref="Golden"/>). The objects themselves are
/// reviewed through the per-component goldens and the project's own <c>diff</c>, not a whole-stack
/// JSON copy that repeats them.
/// </summary>
public class GoldenRenderTests
{
    [Theory]
    [InlineData("dev", "dev.txt")]
    [InlineData("prod", "prod.txt")]
    public void Tree_matches_the_golden_file(string stack, string golden)
    {
        var (exit, output, error) = CliRunner.Run("render", stack, "--format", "tree", "--project-dir", RepoPaths.Root);
        Assert.True(exit == 0, error);
        Golden.Check($"tests/ZcashInfra.Cli.Tests/golden/{golden}", output);
    }

    [Theory]
    [InlineData("dev", "dev.txt")]
    [InlineData("prod", "prod.txt")]
    public void Json_render_is_byte_identical_each_time_and_holds_every_node_of_the_tree(string stack, string golden)
    {
        var first = CliRunner.Run("render", stack, "--format", "json", "--project-dir", RepoPaths.Root);
        var second = CliRunner.Run("render", stack, "--format", "json", "--project-dir", RepoPaths.Root);
        Assert.True(first.Exit == 0, first.Err);
        Assert.Equal(first.Out, second.Out);

        // Below the stack line, the tree draws one branch ("├─ ", "└─ ") per node, then its type and logical name.
        var tree = File.ReadAllLines(RepoPaths.At($"tests/ZcashInfra.Cli.Tests/golden/{golden}")).Where(l => l.Contains("─ ", StringComparison.Ordinal)).ToList();
        var resources = JsonNode.Parse(first.Out)!["resources"]!.AsArray();
        Assert.Equal(tree.Count, resources.Count);
        Assert.All(resources, r => Assert.Contains(tree, line => line.Contains(" " + r!["name"]!.GetValue<string>(), StringComparison.Ordinal)));
    }
}
