using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Tests.NodeSet;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Tests.Validation;

/// <summary>Objects of a kind whose CRD is missing are skipped by preview and fail up (pulumi-kubernetes provider/pkg/provider/provider.go).</summary>
public class ClusterPrerequisitesTests
{
    [Fact]
    public void A_service_monitor_nothing_in_the_stack_installs_is_a_stated_prerequisite()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        Components.NodeSet.NodeSetComponent.Declare(builder.Root, "zebra", NodeSets.ZebradMainnet(k8s));

        var prerequisite = Assert.Single(ClusterPrerequisites.Of(builder.Build()));
        Assert.Equal("CRD ServiceMonitor.monitoring.coreos.com", prerequisite.Requirement);
        Assert.Contains("Prometheus Operator", prerequisite.Hint, StringComparison.Ordinal);
        Assert.Equal(["t/zebra/zebra-service-monitor"], prerequisite.NeededBy);
    }

    [Fact]
    public void A_custom_kind_that_waits_for_the_manifest_installing_it_is_not_a_prerequisite()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var keda = builder.Root.RemoteComponent("kubernetes:yaml/v2:ConfigFile", "keda", new JsonObject { ["file"] = "https://example/keda.yaml" }, new NodeOptions { Provider = k8s });
        var scaled = new JsonObject { ["apiVersion"] = "keda.sh/v1alpha1", ["kind"] = "ScaledObject", ["metadata"] = new JsonObject { ["name"] = "s" } };
        KubernetesObjects.Declare(builder.Root, "installed", scaled, k8s, new NodeOptions { DependsOn = [keda] });
        Assert.Empty(ClusterPrerequisites.Of(builder.Build()));

        KubernetesObjects.Declare(builder.Root, "not-installed", scaled.DeepClone().AsObject(), k8s);
        Assert.Equal(["t/not-installed"], Assert.Single(ClusterPrerequisites.Of(builder.Build())).NeededBy);
    }

    [Fact]
    public void A_storage_class_needs_its_csi_driver_and_built_in_kinds_need_nothing()
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        Namespaces.Declare(builder.Root, "ns", "zcash", k8s, "zcash-nodes");
        NodeStateStorage.Declare(builder.Root, "storage", Cloud.Aws, k8s, protectState: true);
        var prerequisite = Assert.Single(ClusterPrerequisites.Of(builder.Build()));
        Assert.Equal("CSI driver ebs.csi.aws.com", prerequisite.Requirement);
        Assert.Contains("aws-ebs-csi-driver", prerequisite.Hint, StringComparison.Ordinal);
    }
}
