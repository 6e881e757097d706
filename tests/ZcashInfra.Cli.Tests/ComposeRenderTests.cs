using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

/// <summary><c>render &lt;stack&gt; --format compose</c>: the stack's node sets as a Compose file (docs/compose.md).</summary>
public class ComposeRenderTests
{
    private const string GoldenFile = "tests/ZcashInfra.Cli.Tests/golden/dev.compose.yaml";

    [Fact]
    public void Dev_compose_render_matches_the_golden_file_and_the_compose_schema()
    {
        var (exit, output, error) = CliRunner.Run("render", "dev", "--format", "compose", "--project-dir", RepoPaths.Root);
        Assert.True(exit == 0, error);
        Golden.Check(GoldenFile, output);

        var document = (JsonObject)YamlJson.Parse(output)!;
        Assert.Empty(new ComposeSchema(TestSchemas.Folder).Validate(document));
        Assert.Equal("zcash-infra-dev", document["name"]!.GetValue<string>());
        Assert.Equal(
            ["zebra-testnet-volume-owner", "zebra-testnet-restore", "zebra-testnet", "zcashd-regtest-volume-owner", "zcashd-regtest"],
            document["services"]!.AsObject().Select(s => s.Key));
    }

    [Fact]
    public void A_stack_with_mainnet_sets_is_refused_without_include_mainnet_and_nothing_is_written()
    {
        var (exit, output, error) = CliRunner.Run("render", "prod", "--format", "compose", "--project-dir", RepoPaths.Root);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("✗ stack 'prod': node set(s) 'zebra-mainnet' run on mainnet", error, StringComparison.Ordinal);
        Assert.Contains("--include-mainnet", error, StringComparison.Ordinal);

        var (included, text, _) = CliRunner.Run("render", "prod", "--format", "compose", "--include-mainnet", "--project-dir", RepoPaths.Root);
        Assert.Equal(0, included);
        var document = (JsonObject)YamlJson.Parse(text)!;
        Assert.True(document["services"]!.AsObject().ContainsKey("zebra-mainnet"));
        Assert.Empty(new ComposeSchema(TestSchemas.Folder).Validate(document));
    }

    [Fact]
    public void Out_writes_the_compose_file_beside_the_other_renders()
    {
        var dir = Directory.CreateTempSubdirectory("zcash-infra-compose-");
        try
        {
            var (exit, output, error) = CliRunner.Run("render", "dev", "--format", "compose", "--out", dir.FullName, "--project-dir", RepoPaths.Root);
            Assert.True(exit == 0, error);
            var file = Path.Combine(dir.FullName, "dev.compose.yaml");
            Assert.Equal($"wrote {file}\n", output.Replace("\r\n", "\n", StringComparison.Ordinal));
            Assert.StartsWith("# Compose file for stack 'dev'", File.ReadAllText(file), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
