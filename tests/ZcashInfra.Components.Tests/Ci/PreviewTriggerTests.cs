using System.Text.Json.Nodes;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Components.Tests.Support;

namespace ZcashInfra.Components.Tests.Ci;

/// <summary>The preview pipeline fires: the listener has a pull-request trigger that references its binding and template.</summary>
public class PreviewTriggerTests
{
    [Fact]
    public void Pull_requests_of_this_project_start_the_preview_through_the_github_interceptor()
    {
        var listener = CiGraphs.Full().Object("EventListener", CiTriggers.ListenerName);
        var trigger = listener["spec"]!["triggers"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "zcash-infra-preview")!;
        var github = trigger["interceptors"]![0]!;
        Assert.Equal("github", github["ref"]!["name"]!.GetValue<string>());
        var eventTypes = github["params"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "eventTypes")!["value"]!;
        Assert.Equal(["pull_request"], eventTypes.Strings());
        var filter = trigger["interceptors"]![1]!["params"]![0]!["value"]!.GetValue<string>();
        Assert.Contains("body.repository.full_name == 'zcash-infra/zcash-infra'", filter, StringComparison.Ordinal);
        Assert.Contains("body.pull_request.head.repo.full_name == body.repository.full_name", filter, StringComparison.Ordinal);
        Assert.Equal(PreviewPipelineComponent.TriggerBindingName, trigger["bindings"]![0]!["ref"]!.GetValue<string>());
        Assert.Equal(PreviewPipelineComponent.PipelineName, trigger["template"]!["ref"]!.GetValue<string>());
    }

    [Fact]
    public void A_preview_only_repository_gets_the_preview_trigger_and_nothing_else()
    {
        var graph = CiGraphs.Full(pipelines: a => a with { Repositories = [new CiRepository("infra", "https://github.com/o/infra", CiBuild.Preview)] });
        var names = graph.Object("EventListener", CiTriggers.ListenerName)["spec"]!["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());
        Assert.Equal(["infra-preview"], names);
    }

    [Fact]
    public void A_template_no_trigger_starts_or_a_trigger_naming_a_missing_template_is_reported()
    {
        Assert.Empty(new TriggersWiredPolicy().Check(new PolicyContext(CiGraphs.Full(), EnvironmentTier.Production)));

        var unwired = new TriggersWiredPolicy().Check(new PolicyContext(CiGraphs.Full(previewTrigger: false), EnvironmentTier.Production)).ToList();
        Assert.Equal($"no EventListener trigger references TriggerTemplate zcash-ci/{PreviewPipelineComponent.PipelineName}: it never fires", Assert.Single(unwired).Message);

        var dangling = new TriggersWiredPolicy().Check(new PolicyContext(
            CiGraphs.Full(pipelines: a => a with { Preview = new PreviewTrigger("nope", "missing", "zcash-ci") }), EnvironmentTier.Production)).Select(f => f.Message).ToList();
        Assert.Contains(dangling, m => m.EndsWith("template.ref: no TriggerTemplate zcash-ci/missing is declared", StringComparison.Ordinal));
        Assert.Contains(dangling, m => m.EndsWith("bindings: no TriggerBinding zcash-ci/nope is declared", StringComparison.Ordinal));
    }
}
