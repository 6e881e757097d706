using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Providers;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// The StorageClass node-set volumes are provisioned from, declared by stacks that know their
/// cloud's CSI driver. Node state is hours or days of sync: in a stack that protects state, a
/// released claim keeps its disk (<c>reclaimPolicy: Retain</c>; the clusters' default classes
/// delete it), and a volume that fills up is grown in place (<c>allowVolumeExpansion</c>).
/// Disks are created where the pod is scheduled (<c>WaitForFirstConsumer</c>), as zonal disks must be.
/// </summary>
public static class NodeStateStorage
{
    /// <summary>The cloud's block-storage CSI driver.</summary>
    /// <remarks>
    /// GKE: the Compute Engine persistent disk driver (kubernetes-sigs/gcp-compute-persistent-disk-csi-driver,
    /// <c>pkg/gce-pd-csi-driver</c>, driver name <c>pd.csi.storage.gke.io</c>); EKS: the EBS driver
    /// (kubernetes-sigs/aws-ebs-csi-driver, <c>pkg/driver</c>, driver name <c>ebs.csi.aws.com</c>),
    /// which EKS runs only once its add-on is installed.
    /// </remarks>
    public static string Provisioner(Cloud cloud) => cloud switch
    {
        Cloud.Gcp => "pd.csi.storage.gke.io",
        Cloud.Aws => "ebs.csi.aws.com",
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "unknown cloud"),
    };

    /// <summary>
    /// The driver's CreateVolume parameters: a balanced persistent disk (GKE's <c>standard-rwo</c>
    /// type; gcp-compute-persistent-disk-csi-driver <c>pkg/common/parameters.go</c>, <c>type</c>), or an
    /// encrypted gp3 volume (aws-ebs-csi-driver <c>docs/parameters.md</c>, <c>type</c> and <c>encrypted</c>).
    /// </summary>
    public static JsonObject Parameters(Cloud cloud) => cloud switch
    {
        Cloud.Gcp => new JsonObject { ["type"] = "pd-balanced" },
        Cloud.Aws => new JsonObject { ["type"] = "gp3", ["encrypted"] = "true" },
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "unknown cloud"),
    };

    /// <summary>The class's name in a stack (StorageClasses are cluster-wide, so two stacks on one cluster do not collide).</summary>
    public static string Name(string stack) => $"zcash-node-state-{stack}";

    /// <summary>
    /// Declares the class. <paramref name="protectState"/>: retain released disks, and protect and retain
    /// the class itself; otherwise disks go with their claims (a throwaway stack leaves nothing behind).
    /// </summary>
    public static string Declare(GraphScope scope, string logicalName, Cloud cloud, string provider, bool protectState) =>
        KubernetesObjects.Declare(scope, logicalName, new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = KubernetesObjects.Metadata(Name(scope.Stack), null, "zcash-nodes", Name(scope.Stack)),
            ["provisioner"] = Provisioner(cloud),
            ["parameters"] = Parameters(cloud),
            ["reclaimPolicy"] = protectState ? "Retain" : "Delete",
            ["allowVolumeExpansion"] = true,
            ["volumeBindingMode"] = "WaitForFirstConsumer",
        }, provider, NodeOptions.ProtectState(protectState) with { DeleteBeforeReplace = true });
}
