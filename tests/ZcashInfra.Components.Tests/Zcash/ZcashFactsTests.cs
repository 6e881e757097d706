using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Tests.Zcash;

/// <summary>The domain constants against their upstream sources (cited beside each constant): a changed number here should be a deliberate, reviewed change.</summary>
public class ZcashFactsTests
{
    [Theory]
    [InlineData(Network.Mainnet, NodeImplementation.Zebrad, 8233, 8232)]
    [InlineData(Network.Testnet, NodeImplementation.Zebrad, 18233, 18232)]
    [InlineData(Network.Regtest, NodeImplementation.Zebrad, 18233, 18232)]
    [InlineData(Network.Mainnet, NodeImplementation.Zcashd, 8233, 8232)]
    [InlineData(Network.Testnet, NodeImplementation.Zcashd, 18233, 18232)]
    [InlineData(Network.Regtest, NodeImplementation.Zcashd, 18344, 18232)]
    public void Ports_follow_the_network_and_implementation(Network network, NodeImplementation implementation, int p2p, int rpc)
    {
        Assert.Equal(p2p, ZcashPorts.P2p(network, implementation));
        Assert.Equal(rpc, ZcashPorts.Rpc(network));
    }

    [Theory]
    [InlineData("6.3.0", 28)]
    [InlineData("6.0.0", 28)]
    [InlineData("v6.1.2", 28)]
    [InlineData("5.2.0", 27)]
    [InlineData("6.3.0-rc.1", 28)]
    public void Zebrad_versions_map_to_their_database_major(string version, int major)
    {
        Assert.True(NodeVersions.IsRelease(version));
        Assert.Equal(major, NodeVersions.ZebraDbMajor(version));
        Assert.Equal(major, NodeVersions.DbMajor(NodeImplementation.Zebrad, version));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("6.3")]
    [InlineData("six")]
    public void Non_release_versions_are_not_releases(string version)
    {
        Assert.False(NodeVersions.IsRelease(version));
        Assert.Null(NodeVersions.ZebraDbMajor(version));
    }

    [Fact]
    public void Unknown_zebrad_majors_have_no_database_major_and_zcashd_has_a_fixed_state_format()
    {
        Assert.Null(NodeVersions.ZebraDbMajor("9.0.0"));
        Assert.Equal(NodeVersions.ZcashdStateFormat, NodeVersions.DbMajor(NodeImplementation.Zcashd, "6.20.0"));
    }

    [Fact]
    public void Images_run_as_their_documented_users_with_state_where_the_images_keep_it()
    {
        Assert.Equal(10001, NodeImages.Uid(NodeImplementation.Zebrad));
        Assert.Equal(2001, NodeImages.Uid(NodeImplementation.Zcashd));
        Assert.Equal("zfnd/zebra", NodeImages.Repository(NodeImplementation.Zebrad));
        Assert.Equal("electriccoinco/zcashd", NodeImages.Repository(NodeImplementation.Zcashd));
        Assert.Equal("/srv/zcashd/.zcash", NodeImages.StateDirectory(NodeImplementation.Zcashd, Network.Mainnet));
        Assert.Equal("/srv/zcashd/.zcash/testnet3", NodeImages.StateDirectory(NodeImplementation.Zcashd, Network.Testnet));
        Assert.Equal("/srv/zcashd/.zcash/regtest", NodeImages.StateDirectory(NodeImplementation.Zcashd, Network.Regtest));
        Assert.Equal(NodeImages.ZebraCacheDir, NodeImages.StateDirectory(NodeImplementation.Zebrad, Network.Testnet));
    }

    [Fact]
    public void Default_storage_is_never_below_the_minimum_and_mainnet_needs_the_most()
    {
        foreach (var network in Enum.GetValues<Network>())
        {
            foreach (var implementation in Enum.GetValues<NodeImplementation>())
            {
                Assert.True(Quantity.Parse(NodeSizing.DefaultStorage(network, implementation)) >= Quantity.Parse(NodeSizing.MinimumStorage(network, implementation)));
                Assert.True(Quantity.Parse(NodeSizing.DefaultResources(network).Memory) > 0);
            }
        }

        Assert.Equal("300Gi", NodeSizing.MinimumStorage(Network.Mainnet, NodeImplementation.Zebrad));
        Assert.Equal("275Gi", NodeSizing.MinimumStorage(Network.Mainnet, NodeImplementation.Zcashd));
        Assert.Equal("30Gi", NodeSizing.MinimumStorage(Network.Testnet, NodeImplementation.Zebrad));
    }

    [Fact]
    public void Seeders_carry_the_networks_zebrad_port()
    {
        Assert.All(ZebraSeeders.For(Network.Mainnet), s => Assert.EndsWith(":8233", s, StringComparison.Ordinal));
        Assert.All(ZebraSeeders.For(Network.Testnet), s => Assert.EndsWith(":18233", s, StringComparison.Ordinal));
        // zebra-network/src/config.rs at v6.3.0 (Config::default): five mainnet and three testnet seeders.
        Assert.Equal(
            ["dnsseed.str4d.xyz:8233", "dnsseed.z.cash:8233", "mainnet.seeder.shieldedinfra.net:8233", "mainnet.seeder.zfnd.org:8233", "seeder.zec.rocks:8233"],
            ZebraSeeders.For(Network.Mainnet));
        Assert.Equal(
            ["dnsseed.testnet.z.cash:18233", "seeder.testnet.zec.rocks:18233", "testnet.seeder.zfnd.org:18233"],
            ZebraSeeders.For(Network.Testnet));
        Assert.Empty(ZebraSeeders.For(Network.Regtest));
    }
}
