using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Zcash;

/// <summary>
/// Image tags as each publisher spells them: zfnd/zebra without the v (Zebra book user/docker.md),
/// electriccoinco/zcashd with it (electriccoinco/zcashd:v5.9.0 in zcash/zcash's issue threads).
/// </summary>
public class NodeImageTagTests
{
    [Theory]
    [InlineData(NodeImplementation.Zebrad, "7.2.0", "zfnd/zebra:7.2.0")]
    [InlineData(NodeImplementation.Zebrad, "v7.2.0", "zfnd/zebra:7.2.0")]
    [InlineData(NodeImplementation.Zcashd, "6.20.0", "electriccoinco/zcashd:v6.20.0")]
    [InlineData(NodeImplementation.Zcashd, "v6.20.0", "electriccoinco/zcashd:v6.20.0")]
    public void Default_repositories_get_their_publishers_tag(NodeImplementation implementation, string version, string expected) =>
        Assert.Equal(expected, NodeImages.Reference(implementation, null, version, null));

    [Fact]
    public void A_repository_of_your_own_is_tagged_as_written_and_a_digest_pins_it()
    {
        var digest = "sha256:" + new string('a', 64);
        Assert.Equal($"registry.example/zcashd:6.20.0@{digest}", NodeImages.Reference(NodeImplementation.Zcashd, "registry.example/zcashd", "6.20.0", digest));
    }
}
