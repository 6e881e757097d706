using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.PreviewPipeline;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashPreviewPipelineTests
{
    [Fact]
    public async Task Another_program_can_declare_the_preview_pipeline_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashPreviewPipeline? pipeline = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            pipeline = new ZcashPreviewPipeline("previews", new PreviewPipelineArgs { Stack = "staging", Namespace = "ci" });
            return new Dictionary<string, object?>();
        });

        var types = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:PreviewPipeline", "previews"), types);
        Assert.Contains(("kubernetes:tekton.dev/v1:Pipeline", "previews-pipeline"), types);
        Assert.Contains(("kubernetes:tekton.dev/v1:Task", "previews-diff-task"), types);
        Assert.Contains(("kubernetes:triggers.tekton.dev/v1beta1:TriggerTemplate", "previews-trigger-template"), types);

        var metadata = (IReadOnlyDictionary<string, object>)mocks.Resources.Single(r => r.Name == "previews-pipeline").Inputs["metadata"];
        Assert.Equal("ci", metadata["namespace"]);

        // No provider of its own: the caller's default Kubernetes provider is used.
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));
        Assert.Equal("zcash-infra-preview", await OutputUtilities.GetValueAsync(pipeline!.Pipeline));
        Assert.Equal("zcash-infra-preview-github-pull-request", await OutputUtilities.GetValueAsync(pipeline.TriggerBinding));
    }
}
