using ZcashInfra.SnapshotAgent.Ipfs;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>The syntactic CID check (multiformats/cid README.md, multiformats/multihash README.md) and the gateway mapping.</summary>
public class IpfsCidTests
{
    // CIDs printed in the IPFS documentation (docs.ipfs.tech "Content Identifiers (CIDs)" and Kubo's readme example).
    [Theory]
    [InlineData("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")]
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")]
    public void DocumentedCids_AreAccepted(string cid) => Assert.Null(IpfsCid.Problem(cid));

    [Theory]
    [InlineData("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0", "base58btc")] // 0 is not in the base58 alphabet
    [InlineData("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd", "not a CID")] // 45 characters
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzd", "multibase prefix")] // one character short: not canonical base32
    [InlineData("f01701220" + "00112233445566778899aabbccddeeff00112233445566778899aabbccddee", "does not decode")] // sha2-256 says 32 digest bytes, 31 follow
    [InlineData("f01701220" + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", null)] // the same with 32: a CIDv1 in base16
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi1", "multibase prefix")] // 1 is not base32
    [InlineData("BAFYBEIGDYRZT5SFP7UDM7HU76UH7Y26NF3EFUYLQABF3OCLGTQY55FBZDI", "not a CID")] // upper-case multibase not taken
    [InlineData("bbfybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "does not decode")] // version 3
    [InlineData("snapshots", "not a CID")]
    public void Structure_IsChecked_WithAReasonWhenRefused(string cid, string? reason)
    {
        var problem = IpfsCid.Problem(cid);
        if (reason is null)
        {
            Assert.Null(problem);
            return;
        }

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_KeepsTheCidsCase_AndMapsToPathGateways()
    {
        var url = IpfsUrl.TryParse("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/mainnet/snapshots.json", out var problem);
        Assert.Null(problem);
        var archive = new Uri(url!, "zebra.tar.zst");

        Assert.Equal("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/mainnet/zebra.tar.zst", archive.ToString());
        Assert.Equal(new Uri("https://gw.example/prefix/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/mainnet/zebra.tar.zst"), IpfsUrl.ThroughGateway(new Uri("https://gw.example/prefix/"), archive));
        Assert.Equal(new Uri("http://127.0.0.1:8080/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"), IpfsUrl.ThroughGateway(new Uri("http://127.0.0.1:8080"), IpfsUrl.TryParse("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", out _)!));
    }
}
