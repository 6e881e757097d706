using System.Text.Json.Nodes;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Cli.Tests;

public class RenderCommandTests
{
    [Fact]
    public void Json_render_lists_every_node_with_the_documented_fields()
    {
        var (exit, output, _) = CliRunner.Run("render", "prod", "--format", "json", "--project-dir", RepoPaths.Root);
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(output)!;
        Assert.Equal("prod", doc["stack"]!.GetValue<string>());
        var resources = doc["resources"]!.AsArray();
        var paths = resources.Select(r => r!["path"]!.GetValue<string>()).ToList();
        Assert.Equal(paths.Count, paths.Distinct().Count());
        foreach (var r in resources)
        {
            foreach (var field in new[] { "path", "parent", "type", "name", "kind", "inputs", "options" })
            {
                Assert.True(r!.AsObject().ContainsKey(field), $"{r["path"]} lacks {field}");
            }

            var options = r!["options"]!.AsObject();
            Assert.Equal(["dependsOn", "protect", "retainOnDelete", "ignoreChanges", "deleteBeforeReplace", "provider"], options.Select(o => o.Key).Where(k => k != "customTimeouts"));
            if (options["customTimeouts"] is { } timeouts)
            {
                Assert.Subset(new HashSet<string> { "create", "update", "delete" }, timeouts.AsObject().Select(t => t.Key).ToHashSet());
            }
            var parent = r["parent"]?.GetValue<string>();
            Assert.True(parent is null || paths.IndexOf(parent) < paths.IndexOf(r["path"]!.GetValue<string>()), "parents come first");
        }

        var bucket = resources.Single(r => r!["type"]!.GetValue<string>() == "aws:s3/bucket:Bucket")!;
        Assert.Equal("prod/snapshots", bucket["parent"]!.GetValue<string>());
        Assert.Equal("resource", bucket["kind"]!.GetValue<string>());
        Assert.True(bucket["options"]!["protect"]!.GetValue<bool>());
        var statefulSet = resources.First(r => r!["type"]!.GetValue<string>() == "kubernetes:apps/v1:StatefulSet")!;
        Assert.Equal("10m0s", statefulSet["options"]!["customTimeouts"]!["delete"]!.GetValue<string>());
        Assert.Equal("prod/aws", bucket["options"]!["provider"]!.GetValue<string>());
    }

    [Fact]
    public void Yaml_render_is_the_same_document_as_the_json_render()
    {
        var json = CliRunner.Run("render", "dev", "--format", "json", "--project-dir", RepoPaths.Root).Out;
        var yaml = CliRunner.Run("render", "dev", "--format", "yaml", "--project-dir", RepoPaths.Root).Out;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), YamlJson.Parse(yaml)));
    }

    [Fact]
    public void Tree_render_shows_the_hierarchy_with_type_tokens()
    {
        var (_, output, _) = CliRunner.Run("render", "prod", "--project-dir", RepoPaths.Root);
        Assert.StartsWith("pulumi:pulumi:Stack", output, StringComparison.Ordinal);
        // Where the store sits among its siblings depends on what else the stack declares.
        Assert.Matches("(?m)^[├└]─ zcash-infra:index:SnapshotStore", output);
        Assert.Matches("(?m)^[│ ]  ├─ aws:s3/bucket:Bucket", output);
        Assert.Contains("─ zcash-infra:index:NodeSet", output, StringComparison.Ordinal);
        Assert.Contains("[protect, retainOnDelete]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_the_render_into_a_directory()
    {
        var dir = Directory.CreateTempSubdirectory("render-");
        try
        {
            var (exit, output, _) = CliRunner.Run("render", "dev", "--format", "json", "--out", dir.FullName, "--project-dir", RepoPaths.Root);
            Assert.Equal(0, exit);
            Assert.Contains("dev.json", output, StringComparison.Ordinal);
            Assert.Equal(CliRunner.Run("render", "dev", "--format", "json", "--project-dir", RepoPaths.Root).Out, File.ReadAllText(Path.Combine(dir.FullName, "dev.json")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_format_or_stack_fails_with_a_message()
    {
        var format = CliRunner.Run("render", "dev", "--format", "xml", "--project-dir", RepoPaths.Root);
        Assert.NotEqual(0, format.Exit);
        Assert.Contains("xml", format.Err, StringComparison.Ordinal);

        var stack = CliRunner.Run("render", "staging", "--project-dir", RepoPaths.Root);
        Assert.Equal(1, stack.Exit);
        Assert.Contains("Pulumi.staging.yaml: no such file", stack.Err, StringComparison.Ordinal);
    }
}
