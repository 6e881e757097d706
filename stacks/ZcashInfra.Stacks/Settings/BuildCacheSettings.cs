using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>How the build cache is kept.</summary>
public enum VolumeAccessMode
{
    /// <summary>On each run's own volume (default): concurrent runs never wait for a volume; downloads repeat per run.</summary>
    PerRun,

    /// <summary>Refused: one node at a time, so runs on other nodes would wait on Multi-Attach errors and serialize.</summary>
    ReadWriteOnce,

    /// <summary>One volume many nodes mount at once (Filestore, EFS): concurrent builds share the cache.</summary>
    ReadWriteMany,
}

/// <summary><c>zcash-infra:tekton.cache</c> — the build cache (downloads only: every build starts from a clean tree).</summary>
public sealed record BuildCacheSettings
{
    /// <summary>Size of the shared volume (readWriteMany). Default 100Gi.</summary>
    public string Size { get; init; } = new BuildCacheArgs().Size;

    /// <summary>Storage class of the shared volume: a ReadWriteMany class (GKE: Filestore's standard-rwx; EKS: an EFS class). Required with readWriteMany.</summary>
    public string? StorageClass { get; init; }

    /// <summary>
    /// Where downloads are cached: perRun (on each run's own volume) or readWriteMany (one volume that
    /// concurrent runs share). readWriteOnce is refused: runs on other nodes would wait on Multi-Attach errors.
    /// </summary>
    public VolumeAccessMode AccessMode { get; init; } = VolumeAccessMode.PerRun;

    /// <summary>The component-side value.</summary>
    public BuildCacheArgs ToArgs() => new()
    {
        Size = Size,
        StorageClass = StorageClass,
        AccessMode = AccessMode == VolumeAccessMode.ReadWriteMany ? BuildCacheArgs.ReadWriteMany : BuildCacheArgs.PerRun,
    };

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(Quantity.Parse(Size) is > 0, path["size"], Quantity.Rule(Size));
        errors.Require(StorageClass is null || KubernetesNames.IsDnsSubdomain(StorageClass), path["storageClass"], KubernetesNames.DnsSubdomainRule(StorageClass ?? string.Empty));
        errors.Require(AccessMode != VolumeAccessMode.ReadWriteOnce, path["accessMode"],
            "readWriteOnce attaches to one node at a time: runs on other nodes would wait on Multi-Attach errors; use perRun (each run caches on its own volume) or readWriteMany with a ReadWriteMany storageClass");
        errors.Require(AccessMode != VolumeAccessMode.ReadWriteMany || StorageClass is not null, path["storageClass"],
            "readWriteMany needs a ReadWriteMany storage class (GKE: Filestore's standard-rwx; EKS: an EFS class)");
    }
}
