using System.Text.Json.Nodes;
using ZcashInfra.Components.Diff;

namespace ZcashInfra.Components.Tests.Diff;

public class DiffSideTests
{
    [Theory]
    [InlineData("[]", "x.json: not a stack render (expected a JSON object with stack, project, resources, outputs)")]
    [InlineData("""{"project":"p","resources":[]}""", "x.json.stack: must be a string")]
    [InlineData("""{"stack":"dev","project":"p","resources":{}}""", "x.json: 'resources' must be a list")]
    [InlineData("""{"stack":"dev","project":"p","resources":[{"path":"dev/a","parent":null,"type":"t:m:T","name":"a","kind":"thing","inputs":{},"options":{}}]}""",
        "x.json: resources[0].kind: must be component or resource, got 'thing'")]
    [InlineData("""{"stack":"dev","project":"p","resources":[{"path":"dev/a/b","parent":"dev/a","type":"t:m:T","name":"b","kind":"resource","inputs":{},"options":{}}]}""",
        "x.json: 'dev/a/b' names parent 'dev/a', which is not listed before it")]
    [InlineData("""{"stack":"dev","project":"p","resources":[{"path":"dev/a","parent":null,"type":"t:m:T","name":"a","kind":"resource","inputs":[],"options":{}}]}""",
        "x.json: resources[0].inputs: must be an object")]
    public void A_malformed_render_is_refused_naming_the_field(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => DiffSide.FromRender(JsonNode.Parse(json), "x.json"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void The_empty_aliases_option_of_older_renders_is_not_compared()
    {
        var side = DiffSide.FromRender(JsonNode.Parse("""
            {"stack":"dev","project":"p","outputs":{},"resources":[
              {"path":"dev/a","parent":null,"type":"t:m:T","name":"a","kind":"resource","inputs":{},
               "options":{"protect":true,"aliases":[]}}]}
            """), "x.json");
        var node = Assert.Single(side.Nodes);
        Assert.False(node.Options.ContainsKey("aliases"));
        Assert.True(node.Options["protect"]!.GetValue<bool>());
    }
}
