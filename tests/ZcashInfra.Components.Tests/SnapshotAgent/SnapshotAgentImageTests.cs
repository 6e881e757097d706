using ZcashInfra.Components.SnapshotAgent;

namespace ZcashInfra.Components.Tests.SnapshotAgent;

public class SnapshotAgentImageTests
{
    [Theory]
    [InlineData("ghcr.io/zcash-infra/snapshot-agent:0.1.0", true)]
    [InlineData("registry:5000/agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("registry:5000/agent", false)]
    [InlineData("ghcr.io/zcash-infra/snapshot-agent:latest", false)]
    [InlineData("ghcr.io/zcash-infra/snapshot-agent", false)]
    public void Only_pinned_references_count(string image, bool pinned) =>
        Assert.Equal(pinned, SnapshotAgentImage.IsPinned(image));

    [Fact]
    public void The_default_is_pinned() => Assert.True(SnapshotAgentImage.IsPinned(SnapshotAgentImage.Default));
}
