using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

/// <summary>
/// The whole rendered graph of each stack, checked in. A change that alters a render fails here
/// until scripts/update-golden.sh is run, so the change's effect shows up in the review diff.
/// </summary>
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
        var expected = File.ReadAllText(RepoPaths.At("tests", "ZcashInfra.Cli.Tests", "golden", golden));
        Assert.True(expected == output, $"render {stack} --format {format} differs from golden/{golden}; if intended, run scripts/update-golden.sh and review the diff.");
    }
}
