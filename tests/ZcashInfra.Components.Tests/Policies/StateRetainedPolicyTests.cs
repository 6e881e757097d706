using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Tests.Shared;

namespace ZcashInfra.Components.Tests.Policies;

public class StateRetainedPolicyTests
{
    private static List<string> Findings(bool durable, string? storageClass, bool protectState = true, string whenDeleted = "Retain")
    {
        var builder = new GraphBuilder("t");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var ns = Namespaces.Declare(builder.Root, "ns", "zcash", k8s, "zcash-nodes", durable);
        var storage = NodeStateStorage.Declare(builder.Root, "storage", Cloud.Aws, k8s, durable);
        var claim = new JsonObject { ["accessModes"] = new JsonArray("ReadWriteOnce") };
        if (storageClass is not null)
        {
            claim["storageClassName"] = storageClass;
        }

        KubernetesObjects.Declare(builder.Root, "set", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "set", ["namespace"] = "zcash" },
            ["spec"] = new JsonObject
            {
                ["persistentVolumeClaimRetentionPolicy"] = new JsonObject { ["whenDeleted"] = whenDeleted, ["whenScaled"] = "Retain" },
                ["volumeClaimTemplates"] = new JsonArray(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "state" }, ["spec"] = claim }),
            },
        }, k8s, new NodeOptions { DependsOn = [ns, storage] });
        var context = new PolicyContext(builder.Build(), EnvironmentTier.Development) { ProtectState = protectState };
        return [.. new StateRetainedPolicy().Check(context).Select(f => f.ToString())];
    }

    [Fact]
    public void With_protect_state_the_namespace_class_and_retention_policy_all_keep_the_volumes()
    {
        Assert.Empty(Findings(durable: true, storageClass: NodeStateStorage.Name("t")));
    }

    [Fact]
    public void An_unprotected_namespace_or_a_class_that_deletes_released_disks_is_caught()
    {
        var findings = Findings(durable: false, storageClass: NodeStateStorage.Name("t"));
        Assert.Contains("[state-retained] t/ns: namespace zcash holds volumes (deleting it deletes every claim in it), but it is not protected (protect: true)", findings);
        Assert.Contains("[state-retained] t/ns: namespace zcash holds volumes (deleting it deletes every claim in it), but it is not retained on delete (retainOnDelete: true)", findings);
        Assert.Contains("[state-retained] t/storage: StorageClass zcash-node-state-t holds chain state (t/set) but its reclaimPolicy is not Retain", findings);
    }

    [Fact]
    public void The_cluster_default_class_or_a_deleting_retention_policy_is_caught()
    {
        Assert.Contains(Findings(durable: true, storageClass: null), f => f.Contains("storageClassName is unset: the cluster's default StorageClass deletes a released disk", StringComparison.Ordinal));
        Assert.Contains(Findings(durable: true, storageClass: NodeStateStorage.Name("t"), whenDeleted: "Delete"),
            f => f.Contains("spec.persistentVolumeClaimRetentionPolicy.whenDeleted is Delete", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stack_that_does_not_protect_state_is_not_held_to_it()
    {
        Assert.Empty(Findings(durable: false, storageClass: null, protectState: false, whenDeleted: "Delete"));
    }

    [Fact]
    public void The_node_state_class_uses_the_clouds_csi_driver_and_keeps_and_grows_disks_when_durable()
    {
        var builder = new GraphBuilder("prod");
        var k8s = builder.Root.Resource("pulumi:providers:kubernetes", "k8s", []);
        var path = NodeStateStorage.Declare(builder.Root, "gcp", Cloud.Gcp, k8s, protectState: true);
        var graph = builder.Build();
        var gcp = graph[path];
        Assert.Equal("pd.csi.storage.gke.io", gcp.Inputs["provisioner"]!.GetValue<string>());
        Assert.Equal("Retain", gcp.Inputs["reclaimPolicy"]!.GetValue<string>());
        Assert.True(gcp.Inputs["allowVolumeExpansion"]!.GetValue<bool>());
        Assert.Equal("WaitForFirstConsumer", gcp.Inputs["volumeBindingMode"]!.GetValue<string>());
        Assert.True(gcp.Options.Protect && gcp.Options.RetainOnDelete);
        Assert.Equal("ebs.csi.aws.com", NodeStateStorage.Provisioner(Cloud.Aws));
        Assert.Equal("gp3", NodeStateStorage.Parameters(Cloud.Aws)["type"]!.GetValue<string>());
        Assert.Empty(TestSchemas.Validator.Validate(graph, EnvironmentTier.Production));
    }
}
