using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.Tekton;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashTektonTests
{
    [Fact]
    public async Task Another_program_can_install_tekton_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashTekton? tekton = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            var ns = new ComponentResource("example:index:Namespace", "ci-namespace");
            tekton = new ZcashTekton("tekton", new TektonArgs { PipelinesVersion = "v1.16.0" }, dependsOn: [ns]);
            return new Dictionary<string, object?> { ["dashboard"] = tekton.DashboardService };
        });

        var byName = mocks.Resources.ToDictionary(r => r.Name!, r => r);
        Assert.Equal("zcash-infra:index:Tekton", byName["tekton"].Type);

        // The releases are provider-side components, registered with their manifest URL.
        Assert.Equal("kubernetes:yaml/v2:ConfigFile", byName["tekton-pipelines"].Type);
        Assert.Equal(TektonReleases.Pipelines("v1.16.0"), byName["tekton-pipelines"].Inputs["file"]);
        Assert.Equal(TektonReleases.Interceptors(TektonReleases.DefaultTriggers), byName["tekton-interceptors"].Inputs["file"]);
        Assert.Equal("kubernetes:core/v1:ConfigMapPatch", byName["tekton-feature-flags"].Type);
        Assert.Equal("kubernetes:batch/v1:CronJob", byName["tekton-pruner"].Type);

        // The caller's namespace is waited for, not registered again; no provider of its own.
        Assert.DoesNotContain(mocks.Resources, r => r.Type == "zcash-infra:index:ExternalDependency");
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));
        Assert.Equal("tekton-pipelines/tekton-dashboard", await OutputUtilities.GetValueAsync(tekton!.DashboardService));
        Assert.Equal("v1.16.0", await OutputUtilities.GetValueAsync(tekton.PipelinesVersion));
    }
}
