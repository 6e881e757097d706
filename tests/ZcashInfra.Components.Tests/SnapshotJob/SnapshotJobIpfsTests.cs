using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Rendering;
using ZcashInfra.Components.SnapshotJob;

namespace ZcashInfra.Components.Tests.SnapshotJob;

/// <summary>The IPFS opt-in of a snapshot job: what the pod gets, and what is refused.</summary>
public class SnapshotJobIpfsTests
{
    [Fact]
    public void Secrets_reach_the_publish_container_as_files_from_their_secrets_and_never_as_values()
    {
        var graph = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnetIpfs).Graph;
        var pod = SnapshotJobs.PodSpec(graph);
        var secrets = pod["volumes"]!.AsArray().Where(v => v!["secret"] is not null).Select(v => v!["secret"]!).ToList();
        Assert.Equal(["kubo-rpc", "ipfs-pinning"], secrets.Select(s => s["secretName"]!.GetValue<string>()));
        Assert.Equal(["authorization", "token"], secrets.Select(s => s["items"]![0]!["key"]!.GetValue<string>()));
        Assert.All(secrets, s => Assert.Equal(0b100_100_000, s["defaultMode"]!.GetValue<int>()));

        var mounts = SnapshotJobs.Container(graph, "publish")["volumeMounts"]!.AsArray().Select(m => (m!["mountPath"]!.GetValue<string>(), m["readOnly"]?.GetValue<bool>())).ToList();
        Assert.Contains(("/etc/ipfs-api", true), mounts);
        Assert.Contains(("/etc/ipfs-pinning", true), mounts);

        // Only the publish container sees them; no env var carries a token.
        foreach (var name in new[] { "restore", "target", "node", "check" })
        {
            Assert.DoesNotContain(SnapshotJobs.Container(graph, name)["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>().StartsWith("/etc/ipfs", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("IPFS_PINNING_TOKEN", GraphJson.Render(graph), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pods_carry_the_ipfs_publisher_label_and_egress_stays_open_for_the_kubo_node()
    {
        var graph = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnetIpfs).Graph;
        var labels = SnapshotJobs.CronJobSpec(graph)["jobTemplate"]!["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal("true", labels[SnapshotJobPod.IpfsPublisherLabel]!.GetValue<string>());

        // NetworkPolicy: a policy without Egress in policyTypes leaves egress unrestricted
        // (kubernetes staging/src/k8s.io/api/networking/v1/types.go, NetworkPolicySpec.PolicyTypes).
        var policy = SnapshotJobs.Single(graph, "NetworkPolicy").Inputs["spec"]!;
        Assert.Equal(["Ingress"], SnapshotJobs.Strings(policy["policyTypes"]));

        var plain = SnapshotJobs.Declare("snapshot-testnet-zebrad", SnapshotJobs.ZebradTestnet).Graph;
        Assert.False(SnapshotJobs.CronJobSpec(plain)["jobTemplate"]!["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().ContainsKey(SnapshotJobPod.IpfsPublisherLabel));
        Assert.DoesNotContain(SnapshotJobs.PodSpec(plain)["volumes"]!.AsArray(), v => v!["secret"] is not null);
    }

    [Fact]
    public void Settings_that_cannot_work_are_refused_naming_the_field()
    {
        static string Refused(Func<SnapshotJobIpfs, SnapshotJobIpfs> change) =>
            Assert.Throws<GraphException>(() => SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnetIpfs, a => a with { Ipfs = change(a.Ipfs!) })).Message;

        Assert.Contains("Ipfs.KuboApi must be an http(s) URL of a Kubo RPC API root", Refused(i => i with { KuboApi = new Uri("http://kubo:5001/api/v0") }), StringComparison.Ordinal);
        Assert.Contains("Ipfs.KuboApi", Refused(i => i with { KuboApi = new Uri("ftp://kubo:5001") }), StringComparison.Ordinal);
        Assert.Contains("Ipfs.IndexTo must not be the bucket root", Refused(i => i with { IndexTo = SnapshotJobs.DevBucket + "/" }), StringComparison.Ordinal);
        Assert.Contains("Ipfs.IndexTo must be a gs:// or s3:// store root", Refused(i => i with { IndexTo = "file:///tmp/x" }), StringComparison.Ordinal);
        Assert.Contains("Ipfs.PinService and Ipfs.PinToken go together", Refused(i => i with { PinToken = null }), StringComparison.Ordinal);
        Assert.Contains("Ipfs.PinService and Ipfs.PinToken go together", Refused(i => i with { PinService = null }), StringComparison.Ordinal);

        // Without pinning or Kubo credentials: no Secret at all, and the agent gets neither option.
        var bare = SnapshotJobs.Declare("s", SnapshotJobs.ZebradTestnetIpfs, a => a with
        {
            Ipfs = a.Ipfs! with { PinService = null, PinToken = null, KuboAuthorization = null },
        }).Graph;
        Assert.DoesNotContain(SnapshotJobs.PodSpec(bare)["volumes"]!.AsArray(), v => v!["secret"] is not null);
        Assert.DoesNotContain("--pin-", SnapshotJobs.Script(bare, "publish"), StringComparison.Ordinal);
    }
}
