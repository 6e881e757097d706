using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.NodeSet;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>
/// The await rules of pulumi-kubernetes (provider/pkg/await/awaiters.go, provider/pkg/metadata/overrides.go):
/// which kinds wait for their pods, which annotation values it understands, and what skipAwait does to deletes.
/// </summary>
public class AwaitDeclaredPolicyTests
{
    private static readonly AwaitDeclaredPolicy Policy = new();

    private static JsonObject Workload(string kind, JsonObject? annotations = null, int? grace = null)
    {
        var metadata = new JsonObject { ["name"] = "w", ["namespace"] = "zcash" };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        var pod = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "i" }) };
        if (grace is { } seconds)
        {
            pod["terminationGracePeriodSeconds"] = seconds;
        }

        var template = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["a"] = "b" } }, ["spec"] = pod };
        return new JsonObject
        {
            ["apiVersion"] = kind == "CronJob" ? "batch/v1" : "apps/v1",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = kind == "CronJob"
                ? new JsonObject { ["schedule"] = "0 * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } }
                : new JsonObject { ["template"] = template },
        };
    }

    private static List<string> Findings(JsonObject manifest, NodeOptions? options = null)
    {
        var builder = new GraphBuilder("t");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        KubernetesObjects.Declare(builder.Root, "w", manifest, provider, options);
        return [.. Policy.Check(new PolicyContext(builder.Build(), EnvironmentTier.Development)).Select(f => f.Message)];
    }

    [Theory]
    [InlineData("StatefulSet")]
    [InlineData("Deployment")]
    public void A_workload_that_would_wait_for_every_pod_to_be_ready_must_say_so(string kind)
    {
        var message = Assert.Single(Findings(Workload(kind)));
        Assert.Contains($"waits until every pod of a apps/v1/{kind} is Ready, 10 minutes by default", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_declaration_the_provider_understands_is_accepted()
    {
        Assert.Empty(Findings(AwaitBehaviour.UntilControllerObserved(Workload("StatefulSet"))));
        Assert.Empty(Findings(Workload("StatefulSet", new JsonObject { [AwaitBehaviour.TimeoutSecondsAnnotation] = "3600" })));
        Assert.Empty(Findings(Workload("StatefulSet", new JsonObject { [AwaitBehaviour.SkipAwaitAnnotation] = "true" })));
        Assert.Empty(Findings(Workload("StatefulSet", new JsonObject { [AwaitBehaviour.WaitForAnnotation] = "[\"jsonpath={.status.readyReplicas}=1\", \"condition=Available\"]" })));
        Assert.Empty(Findings(Workload("StatefulSet"), new NodeOptions { CustomTimeouts = new GraphTimeouts(TimeSpan.FromHours(1), TimeSpan.FromHours(1)) }));
    }

    [Fact]
    public void A_cronjob_is_not_awaited_so_it_needs_no_declaration() => Assert.Empty(Findings(Workload("CronJob")));

    [Theory]
    [InlineData(AwaitBehaviour.TimeoutSecondsAnnotation, "10m", "ignores anything but a positive integer string")]
    [InlineData(AwaitBehaviour.WaitForAnnotation, "{.status.readyReplicas}", "must be a \"jsonpath=\" or \"condition=\" expression")]
    [InlineData(AwaitBehaviour.SkipAwaitAnnotation, "yes", "only the string \"true\" skips the wait")]
    public void Annotation_values_the_provider_would_ignore_or_reject_are_caught(string annotation, string value, string message)
    {
        var findings = Findings(Workload("StatefulSet", new JsonObject { [annotation] = value }));
        Assert.Contains(findings, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void SkipAwait_with_delete_before_replace_would_race_the_old_object()
    {
        var findings = Findings(Workload("StatefulSet", new JsonObject { [AwaitBehaviour.SkipAwaitAnnotation] = "true" }), new NodeOptions { DeleteBeforeReplace = true });
        Assert.Contains(findings, f => f.Contains("also skips the wait for its delete", StringComparison.Ordinal));
    }

    [Fact]
    public void A_delete_must_be_allowed_as_long_as_the_pods_grace_period()
    {
        var draining = AwaitBehaviour.UntilControllerObserved(Workload("Deployment", grace: 7200));
        Assert.Contains(Findings(draining), f => f.Contains("terminationGracePeriodSeconds = 7200", StringComparison.Ordinal));
        Assert.Empty(Findings(draining, new NodeOptions { CustomTimeouts = AwaitBehaviour.DeleteWithin(7200, TimeSpan.FromMinutes(5)) }));
        Assert.Equal(TimeSpan.FromMinutes(125), AwaitBehaviour.DeleteWithin(7200, TimeSpan.FromMinutes(5)).Delete);
        Assert.Equal(AwaitBehaviour.ProviderDefault, AwaitBehaviour.DeleteWithin(0, TimeSpan.FromMinutes(5)).Delete);
    }

    [Fact]
    public void Node_sets_wait_only_for_their_controller_and_allow_their_pods_to_stop()
    {
        var builder = new GraphBuilder("t");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra", NodeSets.ZebradMainnet(provider));
        var graph = builder.Build();

        var statefulSet = graph.Resources.Single(n => n.Type == "kubernetes:apps/v1:StatefulSet");
        Assert.Equal(AwaitBehaviour.ControllerObserved, statefulSet.Inputs["metadata"]!["annotations"]![AwaitBehaviour.WaitForAnnotation]!.GetValue<string>());
        Assert.True(statefulSet.Options.DeleteBeforeReplace);
        Assert.NotNull(statefulSet.Options.CustomTimeouts?.Delete);
        Assert.Empty(Policy.Check(new PolicyContext(graph, EnvironmentTier.Production)));
    }
}
