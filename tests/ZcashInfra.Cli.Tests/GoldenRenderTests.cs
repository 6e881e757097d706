using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

/// <summary>The whole rendered graph of each stack, checked in (see <see cref="Golden"/>).</summary>
public class GoldenRenderTests
{
    [Theory]
    [InlineData("dev", "json", "dev.json")]
    [InlineData("dev", "tree", "dev.txt")]
    [InlineData("prod", "json", "prod.json")]
    [InlineData("prod", "tree", "prod.txt")]
    public void Render_matches_the_golden_file(string stack, string format, string golden)
    {
        var (exit, output, error) = CliRunner.Run("render", stack, "--format", format, "--project-dir", RepoPaths.Root);
        Assert.True(exit == 0, error);
        Golden.Check($"tests/ZcashInfra.Cli.Tests/golden/{golden}", output);
    }
}
