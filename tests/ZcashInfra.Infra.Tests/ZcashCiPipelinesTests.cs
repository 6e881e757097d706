using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashCiPipelinesTests
{
    [Fact]
    public async Task Another_program_can_declare_the_ci_pipelines_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashCiPipelines? pipelines = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            pipelines = new ZcashCiPipelines("ci", new CiPipelinesArgs
            {
                Repositories = [new CiRepository("zebra", "https://github.com/ZcashFoundation/zebra", CiBuild.Zebrad)],
            });
            return new Dictionary<string, object?> { ["webhook"] = pipelines.WebhookService };
        });

        var types = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:CiPipelines", "ci"), types);
        Assert.Contains(("kubernetes:tekton.dev/v1:Pipeline", "ci-pipeline-node"), types);
        Assert.Contains(("kubernetes:triggers.tekton.dev/v1beta1:EventListener", "ci-listener"), types);
        Assert.Equal(5, types.Count(t => t.Type == "kubernetes:tekton.dev/v1:Task"));
        Assert.DoesNotContain(types, t => t.Name!.StartsWith("ci-images-", StringComparison.Ordinal));

        var task = mocks.Resources.Single(r => r.Name == "ci-task-build");
        Assert.Equal("Task", task.Inputs["kind"]);
        Assert.Equal("zcash-ci/el-zcash-github", await OutputUtilities.GetValueAsync(pipelines!.WebhookService));
        Assert.Equal(string.Empty, await OutputUtilities.GetValueAsync(pipelines.ImagePipeline));
    }
}
