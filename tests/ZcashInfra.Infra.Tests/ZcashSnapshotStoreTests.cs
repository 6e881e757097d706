using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.SnapshotStore;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashSnapshotStoreTests
{
    [Fact]
    public async Task Another_program_can_declare_the_store_as_a_typed_component()
    {
        var mocks = new RecordingMocks();
        ZcashSnapshotStore? store = null;
        var (_, outputs) = await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            store = new ZcashSnapshotStore("archive", new SnapshotStoreArgs
            {
                Cloud = Cloud.Aws,
                BucketName = "my-zcash-archive",
                Location = "eu-west-1",
                PublicRead = true,
            });
            return new Dictionary<string, object?> { ["bucket"] = store.BucketName };
        });

        var types = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:SnapshotStore", "archive"), types);
        Assert.Contains(("aws:s3/bucket:Bucket", "archive-bucket"), types);
        Assert.Contains(("aws:s3/bucketPolicy:BucketPolicy", "archive-public-read"), types);

        // No provider of its own: the caller's default provider is used.
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));
        Assert.Equal("my-zcash-archive", await OutputUtilities.GetValueAsync((Output<string>)outputs["bucket"]!));
        Assert.Equal("s3://my-zcash-archive", await OutputUtilities.GetValueAsync(store!.BucketUrl));
        Assert.Equal("https://my-zcash-archive.s3.eu-west-1.amazonaws.com", await OutputUtilities.GetValueAsync(store.PublicBaseUrl));
    }
}
