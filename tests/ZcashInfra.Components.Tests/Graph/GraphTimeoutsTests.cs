using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Rendering;

namespace ZcashInfra.Components.Tests.Graph;

public class GraphTimeoutsTests
{
    [Fact]
    public void Custom_timeouts_are_carried_and_rendered_only_when_set()
    {
        var builder = new GraphBuilder("t");
        var timed = builder.Root.Resource("kubernetes:apps/v1:Deployment", "timed", [], new NodeOptions
        {
            CustomTimeouts = new GraphTimeouts(Update: TimeSpan.FromMinutes(30), Delete: TimeSpan.FromSeconds(7500)),
        });
        var plain = builder.Root.Resource("kubernetes:apps/v1:Deployment", "plain", []);
        var graph = builder.Build();

        Assert.Equal(TimeSpan.FromMinutes(30), graph[timed].Options.CustomTimeouts!.Update);
        var rendered = GraphJson.Node(graph[timed])["options"]!["customTimeouts"]!.AsObject();
        Assert.Equal("""{"update":"30m0s","delete":"2h5m0s"}""", rendered.ToJsonString());
        Assert.Null(GraphJson.Node(graph[plain])["options"]!["customTimeouts"]);
        Assert.Contains("timeouts update 30m0s/delete 2h5m0s", GraphTree.Render(graph), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(0.5)]
    public void A_timeout_that_is_not_whole_positive_seconds_is_refused(double seconds)
    {
        var builder = new GraphBuilder("t");
        var e = Assert.Throws<GraphException>(() => builder.Root.Resource("kubernetes:apps/v1:Deployment", "d", new JsonObject(), new NodeOptions
        {
            CustomTimeouts = new GraphTimeouts(Create: TimeSpan.FromSeconds(seconds)),
        }));
        Assert.Contains("'t/d': custom timeouts must be whole positive seconds", e.Message, StringComparison.Ordinal);
    }
}
