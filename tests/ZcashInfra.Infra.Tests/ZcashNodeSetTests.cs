using Pulumi;
using Pulumi.Utilities;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Infra.Components;

namespace ZcashInfra.Infra.Tests;

[Collection(PulumiCollection.Name)]
public sealed class ZcashNodeSetTests
{
    [Fact]
    public async Task Another_program_can_declare_node_sets_and_their_peer_discovery_as_typed_components()
    {
        var mocks = new RecordingMocks();
        ZcashNodeSet? zebra = null;
        ZcashPeerDiscovery? peers = null;
        var (_, outputs) = await Deployment.TestAsync(mocks, PulumiTestEnvironment.Options("other"), () =>
        {
            peers = new ZcashPeerDiscovery("peers-testnet", new PeerDiscoveryArgs { Network = Network.Testnet });
            zebra = new ZcashNodeSet("zebra", new NodeSetArgs
            {
                Release = new NodeRelease
                {
                    Network = Network.Testnet,
                    Version = "6.3.0",
                },
                Replicas = 2,
                Rpc = true,
                Snapshot = new NodeSetSnapshot { Index = new Uri("https://snapshots.zfnd.org/testnet/snapshots.json") },
            });
            var zcashd = new ZcashNodeSet("zcashd", new NodeSetArgs
            {
                Release = new NodeRelease
                {
                    Network = Network.Regtest,
                    Implementation = NodeImplementation.Zcashd,
                    Version = "6.20.0",
                },
                Rpc = true,
                RpcPassword = Secret.FromPlaintext("not-in-any-render"),
            });
            return new Dictionary<string, object?> { ["rpc"] = zebra.RpcEndpoint, ["zcashdRpc"] = zcashd.RpcEndpoint };
        });

        var registered = mocks.Resources.Select(r => (r.Type, r.Name)).ToList();
        Assert.Contains(("zcash-infra:index:NodeSet", "zebra"), registered);
        Assert.Contains(("zcash-infra:index:PeerDiscovery", "peers-testnet"), registered);
        Assert.Contains(("kubernetes:apps/v1:StatefulSet", "zebra-statefulset"), registered);
        Assert.Contains(("kubernetes:policy/v1:PodDisruptionBudget", "zebra-pdb"), registered);
        Assert.Contains(("kubernetes:core/v1:Service", "peers-testnet-service"), registered);
        Assert.Contains(("kubernetes:core/v1:Secret", "zcashd-rpc-secret"), registered);

        // No provider of its own: the caller's default Kubernetes provider is used.
        Assert.DoesNotContain(mocks.Registered, r => r.Type!.StartsWith("pulumi:providers:", StringComparison.Ordinal));

        var statefulSet = mocks.Resources.Single(r => r.Name == "zebra-statefulset");
        var spec = Assert.IsAssignableFrom<IDictionary<string, object>>(statefulSet.Inputs["spec"]);
        Assert.Equal(2.0, Convert.ToDouble(spec["replicas"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("zebra-rpc.zcash.svc.cluster.local:18232", await OutputUtilities.GetValueAsync((Output<string>)outputs["rpc"]!));
        Assert.Equal("zebra.zcash.svc.cluster.local", await OutputUtilities.GetValueAsync(zebra!.ServiceHost));
        Assert.Equal(18233, await OutputUtilities.GetValueAsync(zebra.P2pPort));
        Assert.Equal("zcash-testnet-peers.zcash.svc.cluster.local", await OutputUtilities.GetValueAsync(peers!.Host));
    }
}
