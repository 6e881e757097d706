using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Tests.NodeSet;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>Which images run by tag alone (distribution/reference reference.go: a digest names exact bytes, a tag can move).</summary>
public class ImagePinsTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("zfnd/zebra:7.2.0", false)]
    [InlineData("zfnd/zebra:7.2.0@" + Digest, true)]
    [InlineData("zfnd/zebra@" + Digest, true)]
    [InlineData("zfnd/zebra:7.2.0@sha256:0123", false)]
    [InlineData("zfnd/zebra:7.2.0@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    public void A_reference_is_pinned_only_by_a_full_lower_case_sha256_digest(string image, bool pinned) =>
        Assert.Equal(pinned, ImagePins.IsPinned(image));

    [Fact]
    public void A_node_set_run_by_tag_lists_each_image_once_with_its_objects_and_a_digest_removes_it()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra", NodeSets.ZebradMainnet(k8s));
        var unpinned = ImagePins.Unpinned(builder.Build());
        var zebra = Assert.Single(unpinned, u => u.Image.StartsWith("docker.io/zfnd/zebra:", StringComparison.Ordinal) || u.Image.StartsWith("zfnd/zebra:", StringComparison.Ordinal));
        Assert.Equal(["t/zebra/zebra-statefulset"], zebra.UsedBy);

        var pinnedBuilder = new GraphBuilder("t");
        var k8s2 = pinnedBuilder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        Components.NodeSet.NodeSetComponent.Declare(pinnedBuilder.Root, "zebra", NodeSets.ZebradMainnet(k8s2) with { Release = NodeSets.ZebradMainnet(k8s2).Release with { ImageDigest = Digest } });
        Assert.DoesNotContain(ImagePins.Unpinned(pinnedBuilder.Build()), u => u.Image.Contains("zebra", StringComparison.Ordinal) && !u.Image.Contains("agent", StringComparison.Ordinal));
    }
}
