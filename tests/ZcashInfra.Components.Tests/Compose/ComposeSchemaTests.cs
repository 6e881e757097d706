using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;
using ZcashInfra.Components.Yaml;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Compose;

/// <summary>Renders checked against the Compose Specification's schema (compose-spec/compose-spec schema/compose-spec.json).</summary>
public class ComposeSchemaTests
{
    private static readonly ComposeSchema Schema = new(TestSchemas.Folder);

    [Fact]
    public void Every_kind_of_node_set_renders_a_file_the_compose_schema_accepts()
    {
        var document = ComposeSets.Render([.. ComposeSets.Every]);
        Assert.Empty(Schema.Validate(document));
        Assert.Equal(
            ["zebra-mainnet-volume-owner", "zebra-mainnet-restore", "zebra-mainnet", "zebra-testnet-volume-owner", "zebra-testnet-restore", "zebra-testnet",
             "zcashd-regtest-volume-owner", "zcashd-regtest", "zcashd-testnet-volume-owner", "zcashd-testnet-restore", "zcashd-testnet",
             "zcashd-compat-volume-owner", "zcashd-compat"],
            document["services"]!.AsObject().Select(s => s.Key));
    }

    [Fact]
    public void The_yaml_text_reads_back_as_the_same_valid_document()
    {
        var args = new ComposeArgs { Project = "zcash-infra-test", NodeSets = [.. ComposeSets.Every], IncludeMainnet = true };
        var text = ComposeProject.Text(args, "stack 'test'");
        var parsed = (JsonObject)YamlJson.Parse(text)!;
        Assert.True(JsonNode.DeepEquals(ComposeProject.Render(args), parsed), "the YAML text is not the rendered document");
        Assert.Empty(Schema.Validate(parsed));
    }

    [Fact]
    public void The_schema_check_reports_what_compose_would_reject()
    {
        var document = ComposeSets.Render(ComposeSets.ZebradTestnet);
        ComposeSets.Service(document, "zebra-testnet")["depends_on"]!["zebra-testnet-restore"]!["condition"] = "service_finished";
        ComposeSets.Service(document, "zebra-testnet")["healthcheck"]!["start_perod"] = "10s";
        var problems = Schema.Validate(document);
        Assert.Contains(problems, p => p.Contains("depends_on", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("start_perod", StringComparison.Ordinal));
    }
}
