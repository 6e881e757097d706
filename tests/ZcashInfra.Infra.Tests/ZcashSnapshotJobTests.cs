using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.SnapshotJob;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashSnapshotJobTests
{
    [Fact]
    public async Task Another_program_can_declare_a_snapshot_job_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashSnapshotJob? job = null;
        var (_, outputs) = await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            job = new ZcashSnapshotJob("snapshot-testnet-zebrad", new SnapshotJobArgs
            {
                Release = new NodeRelease
                {
                    Network = Network.Testnet,
                    Version = "6.3.0",
                },
                Schedule = "15 4 * * *",
                Target = new SnapshotJobTarget { TipNodeSet = "zebra", TipRpcEndpoint = "zebra-rpc.zcash.svc.cluster.local:18232" },
                Store = new SnapshotJobStore { BucketUrl = "gs://my-snapshots", Keep = 4 },
            });
            return new Dictionary<string, object?> { ["job"] = job.CronJobName };
        });

        var registered = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:SnapshotJob", "snapshot-testnet-zebrad"), registered);
        Assert.Contains(("kubernetes:batch/v1:CronJob", "snapshot-testnet-zebrad-cronjob"), registered);
        Assert.Contains(("kubernetes:core/v1:ConfigMap", "snapshot-testnet-zebrad-config"), registered);
        Assert.Contains(("kubernetes:networking.k8s.io/v1:NetworkPolicy", "snapshot-testnet-zebrad-network-policy"), registered);

        // No provider of its own: the caller's default Kubernetes provider is used.
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));

        var cronJob = mocks.Resources.Single(r => r.Name == "snapshot-testnet-zebrad-cronjob");
        var spec = Assert.IsAssignableFrom<IDictionary<string, object>>(cronJob.Inputs["spec"]);
        Assert.Equal("15 4 * * *", spec["schedule"]);
        Assert.Equal("Forbid", spec["concurrencyPolicy"]);

        Assert.Equal("snapshot-testnet-zebrad", await OutputUtilities.GetValueAsync((Output<string>)outputs["job"]!));
        Assert.Equal("15 4 * * *", await OutputUtilities.GetValueAsync(job!.Schedule));
    }
}
