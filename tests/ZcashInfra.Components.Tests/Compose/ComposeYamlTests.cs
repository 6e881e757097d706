using System.Text.Json.Nodes;
using ZcashInfra.Components.Compose;

namespace ZcashInfra.Components.Tests.Compose;

public class ComposeYamlTests
{
    [Theory]
    [InlineData("10001:10001")]
    [InlineData("0:0")]
    [InlineData("18233")]
    [InlineData("127.0.0.1")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("")]
    public void Strings_a_yaml_1_1_reader_would_not_read_as_strings_are_double_quoted(string value)
    {
        var text = ComposeYaml.Write(new JsonObject { ["v"] = value });
        Assert.Equal($"v: \"{value}\"\n", text);
    }

    [Theory]
    [InlineData("zfnd/zebra:6.3.0")]
    [InlineData("no-new-privileges:true")]
    [InlineData("service_completed_successfully")]
    public void Ordinary_strings_stay_plain(string value) => Assert.Equal($"v: {value}\n", ComposeYaml.Write(new JsonObject { ["v"] = value }));
}
