using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashSnapshotAccessTests
{
    [Fact]
    public async Task Another_program_can_declare_workload_identity_snapshot_access_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashSnapshotAccess? access = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            access = new ZcashSnapshotAccess("snap", new SnapshotAccessArgs
            {
                Cloud = new SnapshotCloudAccess { Cloud = Cloud.Gcp, BucketName = "their-snapshots", GcpProject = "their-project" },
            });
            return new Dictionary<string, object?>();
        });

        var types = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:SnapshotAccess", "snap"), types);
        Assert.Contains(("gcp:serviceaccount/account:Account", "snap-reader-account"), types);
        Assert.Contains(("kubernetes:core/v1:ServiceAccount", "snap-writer-service-account"), types);
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));

        var grant = mocks.Resources.Single(r => r.Name == "snap-reader-bucket");
        Assert.Equal("roles/storage.objectViewer", grant.Inputs["role"]);
        Assert.Equal("their-snapshots", grant.Inputs["bucket"]);
        Assert.Equal("zcash-other-snap-read@their-project.iam.gserviceaccount.com", await OutputUtilities.GetValueAsync(access!.ReaderIdentity));
        Assert.Equal("zcash-snapshot-writer", await OutputUtilities.GetValueAsync(access.WriterServiceAccount));
    }

    [Fact]
    public async Task Without_a_cloud_only_the_kubernetes_service_accounts_are_registered()
    {
        var mocks = new RecordingMocks();
        ZcashSnapshotAccess? access = null;
        await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            access = new ZcashSnapshotAccess("snap", new SnapshotAccessArgs());
            return new Dictionary<string, object?>();
        });

        Assert.Equal(
            ["kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:ServiceAccount", "zcash-infra:index:SnapshotAccess"],
            mocks.Resources.Select(r => r.Type!).Order(StringComparer.Ordinal));
        Assert.Equal(string.Empty, await OutputUtilities.GetValueAsync(access!.ReaderIdentity));
    }
}
