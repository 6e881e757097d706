using System.Collections.Immutable;
using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashCiWorkersTests
{
    [Fact]
    public async Task Another_program_can_declare_autoscaled_workers_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashCiWorkers? workers = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            workers = new ZcashCiWorkers("workers", new CiWorkersArgs
            {
                MasterHost = "buildbot.example.org",
                Queue = new QueueMetricArgs { ServerAddress = "http://prometheus:9090" },
                MaxWorkers = 8,
                WarmCapacity = new WarmCapacityArgs { Placeholders = 1 },
                Keda = new KedaArgs { Install = false },
            });
            return new Dictionary<string, object?> { ["statefulSet"] = workers.StatefulSetName };
        });

        var byName = mocks.Resources.ToDictionary(r => r.Name!, r => r);
        Assert.Equal("zcash-infra:index:CiWorkers", byName["workers"].Type);
        Assert.Equal("kubernetes:keda.sh/v1alpha1:ScaledObject", byName["workers-scaler"].Type);
        Assert.Equal("kubernetes:apps/v1:Deployment", byName["workers-warm-capacity"].Type);
        Assert.DoesNotContain(mocks.Resources, r => r.Type == "kubernetes:yaml/v2:ConfigFile");

        var spec = (ImmutableDictionary<string, object>)byName["workers-scaler"].Inputs["spec"];
        Assert.Equal(8, Convert.ToInt32(spec["maxReplicaCount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("zcash-ci/buildbot-worker", await OutputUtilities.GetValueAsync(workers!.StatefulSetName));
        Assert.Equal(8, await OutputUtilities.GetValueAsync(workers.MaxWorkers));
    }
}
