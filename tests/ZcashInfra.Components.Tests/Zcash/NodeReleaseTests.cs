using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Zcash;

/// <summary>
/// The release rules, once for node sets, snapshot cuts and ephemeral nodes: each problem at a key
/// relative to where the release is written, which the settings prefix with their own path.
/// </summary>
public class NodeReleaseTests
{
    private const string Digest = "sha256:0088036876d21ab5718c1d7d1727c9d9fcdb4bf8b2452d96cbfbdee87ca50c62";

    private static readonly NodeRelease Zebrad = new() { Network = Network.Testnet, Version = "6.3.0" };

    private static string[] Problems(NodeRelease release, NodeReleaseUse use = NodeReleaseUse.NodeSet) =>
        [.. release.Problems(use).Select(p => p.ToString())];

    [Fact]
    public void A_known_release_with_defaults_has_no_problems_and_derives_its_image_and_database_major()
    {
        Assert.Empty(Problems(Zebrad));
        Assert.Equal("zfnd/zebra:6.3.0", Zebrad.ImageReference);
        Assert.Equal(28, Zebrad.ResolvedDbMajor);
        var pinned = Zebrad with { Image = "registry.example/zebra", ImageDigest = Digest, Version = "7.2.0" };
        Assert.Equal("registry.example/zebra:7.2.0@" + Digest, pinned.ImageReference);
        Assert.Equal(29, pinned.ResolvedDbMajor);
        var zcashd = new NodeRelease { Network = Network.Testnet, Implementation = NodeImplementation.Zcashd, Version = "6.20.0" };
        Assert.Equal(("electriccoinco/zcashd", "electriccoinco/zcashd:v6.20.0"), (zcashd.Repository, zcashd.ImageReference));
        Assert.Equal(NodeVersions.ZcashdStateFormat, zcashd.ResolvedDbMajor);
    }

    [Theory]
    [InlineData("latest", "version: must be a release version (the image tag) such as 6.3.0, got 'latest'")]
    [InlineData(" ", "version: is required")]
    [InlineData("9.0.0", "dbMajor: is required: the database major version of zebrad 9.0.0 is not known to this release")]
    public void A_version_must_be_a_release_whose_database_major_is_known(string version, string expected)
    {
        Assert.Equal([expected], Problems(Zebrad with { Version = version }));
        Assert.Null((Zebrad with { Version = version }).ResolvedDbMajor);
    }

    [Fact]
    public void A_given_database_major_must_be_the_one_the_release_reads_and_says_what_a_wrong_one_breaks()
    {
        Assert.Empty(Problems(Zebrad with { Version = "9.0.0", DbMajor = 31 }));
        Assert.Equal(31, (Zebrad with { Version = "9.0.0", DbMajor = 31 }).ResolvedDbMajor);
        Assert.Equal(["dbMajor: zebrad 6.3.0 reads database major 28, got 27 (a state of another major is ignored and the node syncs from genesis)"],
            Problems(Zebrad with { DbMajor = 27 }));
        Assert.Equal(["dbMajor: zebrad 6.3.0 reads database major 28, got 27 (its snapshots would not fit the nodes)"],
            Problems(Zebrad with { DbMajor = 27 }, NodeReleaseUse.SnapshotCut));
        Assert.Equal(["dbMajor: must be ≥ 1, got 0"], Problems(Zebrad with { Version = "9.0.0", DbMajor = 0 }));
    }

    [Theory]
    [InlineData("zfnd/zebra:6.3.0", null, "image: must be a repository without tag or digest (version and imageDigest pin it), got 'zfnd/zebra:6.3.0'")]
    [InlineData("zfnd/zebra@sha256:00", null, "image: must be a repository without tag or digest (version and imageDigest pin it), got 'zfnd/zebra@sha256:00'")]
    [InlineData(null, "sha256:XYZ", "imageDigest: must be sha256: followed by 64 lowercase hex digits, got 'sha256:XYZ'")]
    [InlineData(null, "sha256:0088036876D21AB5718C1D7D1727C9D9FCDB4BF8B2452D96CBFBDEE87CA50C62", "imageDigest: must be sha256: followed by 64 lowercase hex digits, got 'sha256:0088036876D21AB5718C1D7D1727C9D9FCDB4BF8B2452D96CBFBDEE87CA50C62'")]
    public void The_image_is_a_repository_and_the_digest_a_sha256(string? image, string? digest, string expected) =>
        Assert.Equal([expected], Problems(Zebrad with { Image = image, ImageDigest = digest }));

    [Fact]
    public void A_registry_port_is_not_a_tag() =>
        Assert.Empty(Problems(Zebrad with { Image = "registry.example:5000/zebra", ImageDigest = Digest }));

    [Fact]
    public void Zcashd_on_mainnet_runs_only_as_the_compat_sidecar_and_is_never_cut()
    {
        var zcashd = new NodeRelease { Network = Network.Mainnet, Implementation = NodeImplementation.Zcashd, Version = "6.20.0" };
        Assert.Equal(["implementation: zcashd is end-of-life on mainnet (it halts at height 3,417,100); use zebrad, or run zcashd as Zebra's compat sidecar (zcashd.compatWith)"],
            Problems(zcashd));
        Assert.Equal(["implementation: zcashd is end-of-life on mainnet (it halts at height 3,417,100); cut zebrad snapshots"],
            Problems(zcashd, NodeReleaseUse.SnapshotCut));
        var compat = zcashd with { Zcashd = new ZcashdOptions { CompatWith = "zebra" } };
        Assert.Empty(Problems(compat));
        Assert.Equal(
            [
                "implementation: zcashd is end-of-life on mainnet (it halts at height 3,417,100); cut zebrad snapshots",
                "zcashd.compatWith: only applies to node sets (a cut's node runs without a zebrad beside it)",
            ],
            Problems(compat, NodeReleaseUse.SnapshotCut));
        Assert.Empty(Problems(zcashd with { Network = Network.Testnet }, NodeReleaseUse.SnapshotCut));
    }

    [Fact]
    public void Zebrad_only_and_zcashd_only_fields_are_refused_on_the_other_implementation()
    {
        Assert.Equal(["zcashd: only applies to zcashd node sets"], Problems(Zebrad with { Zcashd = new ZcashdOptions { TxIndex = true } }));
        Assert.Equal(["zcashd: only applies to zcashd cuts"], Problems(Zebrad with { Zcashd = new ZcashdOptions { TxIndex = true } }, NodeReleaseUse.SnapshotCut));
        var zcashd = new NodeRelease { Network = Network.Regtest, Implementation = NodeImplementation.Zcashd, Version = "6.20.0", DbMajor = 1 };
        Assert.Equal(["dbMajor: only applies to zebrad (zcashd snapshots record state format 1)"], Problems(zcashd));
    }
}
