using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Yaml;

namespace ZcashInfra.Components.Tests.Yaml;

public class YamlJsonTests
{
    [Fact]
    public void Plain_scalars_keep_their_types_and_quoted_ones_stay_strings()
    {
        var json = YamlJson.Parse("""
            replicas: 3
            ratio: 0.5
            enabled: true
            empty:
            quoted: "3"
            single: 'true'
            version: 6.3.0
            """)!.AsObject();

        Assert.Equal(JsonValueKind.Number, json["replicas"]!.GetValueKind());
        Assert.Equal(3, json["replicas"]!.GetValue<long>());
        Assert.Equal(0.5, json["ratio"]!.GetValue<double>());
        Assert.Equal(JsonValueKind.True, json["enabled"]!.GetValueKind());
        Assert.Null(json["empty"]);
        Assert.True(json.ContainsKey("empty"));
        Assert.Equal("3", json["quoted"]!.GetValue<string>());
        Assert.Equal("true", json["single"]!.GetValue<string>());
        Assert.Equal("6.3.0", json["version"]!.GetValue<string>());
    }

    [Fact]
    public void Strings_that_look_like_other_types_are_quoted_when_written_so_they_read_back_as_strings()
    {
        var original = new JsonObject
        {
            ["a"] = "3",
            ["b"] = "true",
            ["c"] = "",
            ["d"] = "null",
            ["e"] = 3,
            ["f"] = "line one\nline two\n",
            ["g"] = new JsonArray("x", 1, false),
            ["h"] = "plain text",
        };

        var yaml = YamlJson.ToYaml(original);
        var back = YamlJson.Parse(yaml)!;

        Assert.True(JsonNode.DeepEquals(original, back), yaml);
        Assert.Contains("a: \"3\"", yaml, StringComparison.Ordinal);
        Assert.Contains("h: plain text", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_document_stream_yields_every_document()
    {
        var docs = YamlJson.ParseAll("a: 1\n---\nb: 2\n");
        Assert.Equal(2, docs.Count);
        Assert.Equal(2, docs[1]!["b"]!.GetValue<long>());
    }
}
