using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.NodeSet;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>
/// The workload policies against a real node set render: clean as rendered, and each one failing
/// on a violation seeded into a copy of it.
/// </summary>
public class WorkloadPolicyTests
{
    private static readonly IPolicy[] WorkloadPolicies =
    [
        new RestrictedPodSecurityPolicy(), new ResourcesSetPolicy(), new DisruptionBudgetPolicy(), new NoSecretLiteralsPolicy(), new ProbesPresentPolicy(),
    ];

    /// <summary>The mainnet set's objects as plain JSON, in registration order, keyed by logical name.</summary>
    private static List<(string Name, JsonObject Manifest)> Mainnet() =>
    [
        .. NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph.Resources
            .Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (n.Name, InputTree.CopyObject(n.Inputs, n.Name))),
    ];

    /// <summary>Registers the (possibly changed) manifests in a fresh graph and runs one policy.</summary>
    private static List<string> Findings(IPolicy policy, Action<List<(string Name, JsonObject Manifest)>>? seed = null)
    {
        var objects = Mainnet();
        seed?.Invoke(objects);
        var builder = new GraphBuilder("t");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "k", []);
        foreach (var (name, manifest) in objects)
        {
            Components.Kubernetes.KubernetesObjects.Declare(builder.Root, name, manifest, provider);
        }

        return [.. policy.Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).Select(f => f.ToString())];
    }

    private static JsonObject StatefulSet(List<(string Name, JsonObject Manifest)> objects) => objects.Single(o => o.Name.EndsWith("-statefulset", StringComparison.Ordinal)).Manifest;

    private static JsonObject Pod(List<(string Name, JsonObject Manifest)> objects) => StatefulSet(objects)["spec"]!["template"]!["spec"]!.AsObject();

    private static JsonObject Zebrad(List<(string Name, JsonObject Manifest)> objects) => Pod(objects)["containers"]![0]!.AsObject();

    [Fact]
    public void Every_workload_policy_passes_on_the_rendered_node_sets()
    {
        Assert.All(WorkloadPolicies, p => Assert.Empty(Findings(p)));
        foreach (var graph in new[] { NodeSets.Declare("t", NodeSets.ZebradTestnet).Graph, NodeSets.Declare("r", NodeSets.ZcashdRegtest).Graph })
        {
            Assert.Empty(PolicySet.Evaluate(new PolicyContext(graph, EnvironmentTier.Production), WorkloadPolicies));
        }

        Assert.All(WorkloadPolicies, p => Assert.Contains(PolicySet.All, q => q.Id == p.Id));
    }

    [Fact]
    public void Restricted_pod_security_catches_escalation_root_missing_drops_seccomp_and_host_access()
    {
        var found = Findings(new RestrictedPodSecurityPolicy(), o =>
        {
            var pod = Pod(o);
            pod["hostNetwork"] = true;
            pod["securityContext"]!["runAsUser"] = 0;
            pod["securityContext"]!.AsObject().Remove("runAsNonRoot");
            pod["securityContext"]!.AsObject().Remove("seccompProfile");
            pod["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "host", ["hostPath"] = new JsonObject { ["path"] = "/" } });
            var zebrad = Zebrad(o);
            zebrad["securityContext"]!["allowPrivilegeEscalation"] = true;
            zebrad["securityContext"]!["capabilities"] = new JsonObject { ["add"] = new JsonArray("SYS_ADMIN") };
            zebrad["securityContext"]!["privileged"] = true;
        });
        string[] expected =
        [
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.hostNetwork must not be true",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.volumes (host): hostPath volumes are not allowed",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.securityContext.runAsUser must not be 0",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): privileged must not be true",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): allowPrivilegeEscalation must be false",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): capabilities must drop ALL",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): capability SYS_ADMIN must not be added (only NET_BIND_SERVICE may be)",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): runAsNonRoot must be true (in the container or the pod)",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): seccompProfile.type must be RuntimeDefault or Localhost (in the container or the pod), got none",
            "[restricted-pod-security] t/zebra-mainnet-statefulset: spec.template.spec.initContainers[0] (restore): runAsNonRoot must be true (in the container or the pod)",
        ];
        Assert.All(expected, e => Assert.Contains(e, found));
    }

    [Fact]
    public void Resources_set_catches_a_container_without_requests_or_memory_limit()
    {
        var found = Findings(new ResourcesSetPolicy(), o =>
        {
            Zebrad(o).Remove("resources");
            Pod(o)["initContainers"]![0]!["resources"]!.AsObject().Remove("limits");
        });
        Assert.Equal(
        [
            "[resources-set] t/zebra-mainnet-statefulset: spec.template.spec.initContainers[0] (restore): resources.limits.memory not set",
            "[resources-set] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): resources.requests.cpu, resources.requests.memory, resources.limits.memory not set",
        ], found);
    }

    [Fact]
    public void A_replicated_set_without_a_matching_disruption_budget_is_caught()
    {
        Assert.Equal(
            ["[pdb-when-replicated] t/zebra-mainnet-statefulset: StatefulSet with 3 replicas has no PodDisruptionBudget selecting its pods"],
            Findings(new DisruptionBudgetPolicy(), o => o.RemoveAll(x => x.Name.EndsWith("-pdb", StringComparison.Ordinal))));

        // A budget that selects other pods does not count.
        Assert.Single(Findings(new DisruptionBudgetPolicy(), o =>
            o.Single(x => x.Name.EndsWith("-pdb", StringComparison.Ordinal)).Manifest["spec"]!["selector"]!["matchLabels"]![RecommendedLabels.Instance] = "other"));

        // One replica needs none.
        Assert.Empty(Findings(new DisruptionBudgetPolicy(), o =>
        {
            o.RemoveAll(x => x.Name.EndsWith("-pdb", StringComparison.Ordinal));
            StatefulSet(o)["spec"]!["replicas"] = 1;
        }));
    }

    [Theory]
    [InlineData(-10, false)]
    [InlineData(0, true)]
    public void Only_pods_of_a_negative_priority_class_may_go_without_a_disruption_budget(int priority, bool caught)
    {
        var found = Findings(new DisruptionBudgetPolicy(), o =>
        {
            o.RemoveAll(x => x.Name.EndsWith("-pdb", StringComparison.Ordinal));
            Pod(o)["priorityClassName"] = "placeholder";
            o.Add(("placeholder-class", new JsonObject
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new JsonObject { ["name"] = "placeholder" },
                ["value"] = priority,
            }));
        });
        Assert.Equal(caught, found.Count == 1);
    }

    [Fact]
    public void A_credential_read_from_the_environment_at_run_time_is_not_a_literal()
    {
        var found = Findings(new NoSecretLiteralsPolicy(), o =>
        {
            var config = o.Single(x => x.Name.EndsWith("-config", StringComparison.Ordinal)).Manifest["data"]!.AsObject();
            config["zebrad.toml"] = config["zebrad.toml"]!.GetValue<string>() + "passwd = os.environ.pop(\"WORKERPASS\")\nrpcpassword=hunter2\n";
        });
        Assert.Single(found);
        Assert.Contains("sets rpcpassword", found[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_literals_in_env_arguments_or_config_maps_are_caught_without_echoing_them()
    {
        // The seeded line goes after the rendered file's last line.
        var line = NodeSets.ConfigText(NodeSets.Declare("zebra-mainnet", NodeSets.ZebradMainnet).Graph).Split('\n').Length;
        var found = Findings(new NoSecretLiteralsPolicy(), o =>
        {
            Zebrad(o)["env"] = new JsonArray(
                new JsonObject { ["name"] = "RPC_PASSWORD", ["value"] = "hunter2" },
                new JsonObject { ["name"] = "RPC_USER", ["value"] = "zcash" },
                new JsonObject { ["name"] = "API_TOKEN", ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "s", ["key"] = "t" } } });
            Zebrad(o)["command"]!.AsArray().Add("-rpcpassword=hunter2");
            var config = o.Single(x => x.Name.EndsWith("-config", StringComparison.Ordinal)).Manifest["data"]!.AsObject();
            config["zebrad.toml"] = config["zebrad.toml"]!.GetValue<string>() + "rpcpassword = \"hunter2\"\n";
            config["api-token"] = "hunter2";
        });
        Assert.Equal(
        [
            "[no-secret-literals] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad).env[0] (RPC_PASSWORD) is a literal; use valueFrom.secretKeyRef",
            "[no-secret-literals] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad).command passes rpcpassword on the command line; mount it from a Secret",
            $"[no-secret-literals] t/zebra-mainnet-config: data.zebrad.toml line {line} sets rpcpassword; put it in a Secret",
            "[no-secret-literals] t/zebra-mainnet-config: data.api-token looks like a credential; put it in a Secret",
        ], found);
        Assert.DoesNotContain(found, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_probes_on_a_serving_container_are_caught()
    {
        var found = Findings(new ProbesPresentPolicy(), o =>
        {
            Zebrad(o).Remove("startupProbe");
            Zebrad(o).Remove("livenessProbe");
        });
        Assert.Equal(["[probes-present] t/zebra-mainnet-statefulset: spec.template.spec.containers[0] (zebrad): no startupProbe, no livenessProbe"], found);
    }
}
