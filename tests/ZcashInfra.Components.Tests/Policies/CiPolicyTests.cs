using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodePools;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>The CI policies: each fails on a seeded violation and passes on the CI components as declared.</summary>
public class CiPolicyTests
{
    private static IReadOnlyList<string> Findings(IPolicy policy, params JsonObject[] manifests)
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "kubernetes", []);
        for (var i = 0; i < manifests.Length; i++)
        {
            KubernetesObjects.Declare(builder.Root, $"object-{i}", manifests[i], k8s);
        }

        return [.. policy.Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).Select(f => f.ToString())];
    }

    private static JsonObject Container(Action<JsonObject>? change = null)
    {
        var container = new JsonObject
        {
            ["name"] = "main",
            ["image"] = "example.org/app:1",
            ["resources"] = PodSecurity.Resources("100m", "128Mi"),
            ["securityContext"] = PodSecurity.Container(),
        };
        change?.Invoke(container);
        return container;
    }

    private static JsonObject Workload(string kind, string ns, Action<JsonObject>? pod = null, JsonObject? container = null, JsonObject? labels = null)
    {
        var spec = new JsonObject { ["securityContext"] = PodSecurity.Pod(), ["containers"] = new JsonArray(container ?? Container()) };
        pod?.Invoke(spec);
        var template = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels ?? new JsonObject { ["app"] = "x" } }, ["spec"] = spec };
        return new JsonObject
        {
            ["apiVersion"] = kind == "CronJob" ? "batch/v1" : "apps/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "w", ["namespace"] = ns },
            ["spec"] = kind == "CronJob"
                ? new JsonObject { ["schedule"] = "* * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } }
                : new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "x" } }, ["template"] = template },
        };
    }

    private static readonly CiPoolPlacementPolicy Placement = new();
    private static readonly CiPodSecurityPolicy Security = new();

    [Fact]
    public void A_node_statefulset_tolerating_the_ci_taint_is_caught()
    {
        var findings = Findings(Placement, Workload("StatefulSet", Namespaces.Zcash, p => p["tolerations"] = PoolPlacement.Tolerations(PoolRole.Ci)));
        Assert.Equal(["[ci-pool-placement] t/object-0: spec.template.spec: a StatefulSet in namespace zcash tolerates the CI pool's taint; only CI pods may (node pods must never land on CI nodes)"], findings);
    }

    [Fact]
    public void A_blanket_toleration_or_a_ci_node_selector_outside_ci_is_caught()
    {
        var blanket = Findings(Placement, Workload("StatefulSet", Namespaces.Zcash, p => p["tolerations"] = new JsonArray(new JsonObject { ["operator"] = "Exists" })));
        Assert.Contains(blanket, f => f.Contains("tolerates the CI pool's taint", StringComparison.Ordinal));

        var byKey = Findings(Placement, Workload("CronJob", Namespaces.Zcash, p => p["tolerations"] = new JsonArray(new JsonObject { ["key"] = PoolPlacement.RoleLabel, ["operator"] = "Exists" })));
        Assert.Contains(byKey, f => f.Contains("spec.jobTemplate.spec.template.spec: a CronJob in namespace zcash tolerates", StringComparison.Ordinal));

        var selector = Findings(Placement, Workload("Deployment", "default", p => p["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Ci)));
        Assert.Contains(selector, f => f.Contains("a Deployment in namespace default selects the CI pool", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_statefulset_on_the_nodes_pool_passes() =>
        Assert.Empty(Findings(Placement, Workload("StatefulSet", Namespaces.Zcash, p =>
        {
            p["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Nodes);
            p["tolerations"] = PoolPlacement.Tolerations(PoolRole.Nodes);
        })));

    [Fact]
    public void Ci_work_that_could_land_elsewhere_than_the_ci_pool_is_caught()
    {
        var unplaced = Findings(Placement, Workload("Deployment", Namespaces.Ci));
        Assert.Contains(unplaced, f => f.EndsWith("CI work (Deployment) must select only the CI pool (zcash-infra/pool-role=ci) in its nodeSelector", StringComparison.Ordinal));
        Assert.Contains(unplaced, f => f.EndsWith("CI work (Deployment) does not tolerate the CI pool's taint, so it cannot run there", StringComparison.Ordinal));

        var onNodes = Findings(Placement, Workload("Deployment", Namespaces.Ci, p =>
        {
            p["nodeSelector"] = PoolPlacement.NodeSelector(PoolRole.Nodes);
            p["tolerations"] = PoolPlacement.Tolerations(PoolRole.Ci);
        }));
        Assert.Single(onNodes);

        var placed = Findings(Placement, Workload("Deployment", Namespaces.Ci, p => CiPlacement.Work(p)));
        Assert.Empty(placed);
    }

    [Fact]
    public void A_ci_service_must_be_on_the_system_pool_without_the_ci_toleration()
    {
        var service = new JsonObject { [CiPlacement.ServiceLabel] = "true" };
        Assert.Empty(Findings(Placement, Workload("CronJob", Namespaces.Ci, p => CiPlacement.Service(p), labels: service)));
        var onCi = Findings(Placement, Workload("CronJob", Namespaces.Ci, p => CiPlacement.Work(p), labels: (JsonObject)service.DeepClone()));
        Assert.Equal(2, onCi.Count);
        Assert.Contains(onCi, f => f.Contains("a CI service CronJob must select only the system pool", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_created_by_a_trigger_without_a_ci_pod_template_is_caught()
    {
        var template = new JsonObject
        {
            ["apiVersion"] = "triggers.tekton.dev/v1beta1",
            ["kind"] = "TriggerTemplate",
            ["metadata"] = new JsonObject { ["name"] = "tt", ["namespace"] = Namespaces.Ci },
            ["spec"] = new JsonObject
            {
                ["resourcetemplates"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "tekton.dev/v1",
                    ["kind"] = "PipelineRun",
                    ["metadata"] = new JsonObject { ["generateName"] = "run-" },
                    ["spec"] = new JsonObject { ["pipelineRef"] = new JsonObject { ["name"] = "p" } },
                }),
            },
        };
        Assert.Contains(Findings(Placement, template), f => f.Contains("spec.resourcetemplates[0].spec.taskRunTemplate.podTemplate: CI work (PipelineRun) must select only the CI pool", StringComparison.Ordinal));
        Assert.Contains(Findings(Security, template), f => f.EndsWith("the run's pod template must set securityContext.runAsNonRoot: true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("allowPrivilegeEscalation", "securityContext.allowPrivilegeEscalation must be false")]
    [InlineData("capabilities", "securityContext.capabilities.drop must include ALL")]
    [InlineData("runAsNonRoot", "runAsNonRoot must be true (in the container's or the pod's securityContext)")]
    [InlineData("resources", "no cpu request: the scheduler and the quota cannot account for it")]
    [InlineData("privileged", "privileged containers are not allowed")]
    [InlineData("root", "runAsUser 0 (root) is not allowed")]
    [InlineData("seccomp", "seccompProfile.type must be RuntimeDefault (in the container's or the pod's securityContext)")]
    public void Each_restricted_container_rule_is_enforced_in_the_ci_namespace(string broken, string expected)
    {
        var container = Container(c =>
        {
            var security = c["securityContext"]!.AsObject();
            switch (broken)
            {
                case "allowPrivilegeEscalation": security["allowPrivilegeEscalation"] = true; break;
                case "capabilities": security.Remove("capabilities"); break;
                case "runAsNonRoot": security.Remove("runAsNonRoot"); break;
                case "resources": c.Remove("resources"); break;
                case "privileged": security["privileged"] = true; break;
                case "root": security["runAsUser"] = 0; break;
                case "seccomp": security.Remove("seccompProfile"); break;
            }
        });
        var findings = Findings(Security, Workload("Deployment", Namespaces.Ci, p =>
        {
            CiPlacement.Work(p);
            var pod = p["securityContext"]!.AsObject();
            pod.Remove("runAsNonRoot");
            pod.Remove("seccompProfile");
        }, container));
        Assert.Contains($"[ci-pod-security] t/object-0: spec.template.spec.containers[0]: {expected}", findings);
    }

    [Fact]
    public void Host_access_is_caught_in_ci_pods()
    {
        var findings = Findings(Security, Workload("Deployment", Namespaces.Ci, p =>
        {
            p["hostNetwork"] = true;
            p["volumes"] = new JsonArray(new JsonObject { ["name"] = "h", ["hostPath"] = new JsonObject { ["path"] = "/" } });
        }));
        Assert.Contains(findings, f => f.EndsWith("hostNetwork is not allowed for CI pods", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.EndsWith("hostPath volumes are not allowed for CI pods", StringComparison.Ordinal));
    }

    [Fact]
    public void Task_steps_are_checked_with_their_step_template_applied()
    {
        JsonObject Task(string ns, JsonObject stepSecurity) => new()
        {
            ["apiVersion"] = "tekton.dev/v1",
            ["kind"] = "Task",
            ["metadata"] = new JsonObject { ["name"] = "build", ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["stepTemplate"] = new JsonObject { ["securityContext"] = PodSecurity.Container(), ["computeResources"] = PodSecurity.Resources("1", "1Gi") },
                ["steps"] = new JsonArray(new JsonObject { ["name"] = "kaniko", ["image"] = "kaniko", ["securityContext"] = stepSecurity }),
            },
        };

        // Root with baseline capabilities is what kaniko needs: allowed in the image namespace only.
        JsonObject RootWith(params string[] add) => new()
        {
            ["runAsNonRoot"] = false,
            ["runAsUser"] = 0,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL"), ["add"] = new JsonArray([.. add.Select(a => (JsonNode)a)]) },
        };
        Assert.Empty(Findings(Security, Task(Namespaces.CiImages, RootWith("CHOWN", "SETUID"))));
        var inCi = Findings(Security, Task(Namespaces.Ci, RootWith("CHOWN")));
        Assert.Contains("[ci-pod-security] t/object-0: spec.steps[0]: capability CHOWN may not be added under the restricted standard", inCi);
        Assert.Contains("[ci-pod-security] t/object-0: spec.steps[0]: runAsUser 0 (root) is not allowed", inCi);
        Assert.Contains("[ci-pod-security] t/object-0: spec.steps[0]: capability SYS_ADMIN may not be added under the baseline standard",
            Findings(Security, Task(Namespaces.CiImages, RootWith("SYS_ADMIN"))));
        Assert.Contains("[ci-pod-security] t/object-0: spec.steps[0]: securityContext.allowPrivilegeEscalation must be false",
            Findings(Security, Task(Namespaces.Ci, new JsonObject { ["allowPrivilegeEscalation"] = true })));
    }

    [Fact]
    public void Pods_outside_the_ci_namespaces_are_not_held_to_ci_rules() =>
        Assert.Empty(Findings(Security, Workload("StatefulSet", Namespaces.Zcash, container: Container(c => c.Remove("resources")))));

    [Fact]
    public void The_ci_components_as_declared_pass_both_policies()
    {
        var context = new PolicyContext(CiGraphs.Full(), EnvironmentTier.Production);
        Assert.Empty(Placement.Check(context));
        Assert.Empty(Security.Check(context));
    }

    [Fact]
    public void Node_pods_declared_beside_ci_never_tolerate_the_ci_pool()
    {
        // Any pod template outside the CI namespaces is checked, whatever declared it.
        var graph = CiGraphs.Full(extra: (root, k8s) => KubernetesObjects.Declare(root, "zebra-statefulset",
            Workload("StatefulSet", Namespaces.Zcash, p => p["tolerations"] = PoolPlacement.Tolerations(PoolRole.Ci)), k8s));
        var finding = Assert.Single(Placement.Check(new PolicyContext(graph, EnvironmentTier.Production)));
        Assert.Equal("test/zebra-statefulset", finding.ResourcePath);
    }
}
