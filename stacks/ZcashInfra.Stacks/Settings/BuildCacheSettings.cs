using ZcashInfra.Components.CiPipelines;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Stacks.Settings;

/// <summary>How the build cache volume may be mounted.</summary>
public enum VolumeAccessMode
{
    /// <summary>One node at a time: builds on different nodes take turns.</summary>
    ReadWriteOnce,

    /// <summary>Many nodes at once (Filestore, EFS): concurrent builds share the cache.</summary>
    ReadWriteMany,
}

/// <summary><c>zcash-infra:tekton.cache</c> — the build cache (downloads only: every build starts from a clean tree).</summary>
public sealed record BuildCacheSettings
{
    /// <summary>Volume size. Default 100Gi.</summary>
    public string Size { get; init; } = new BuildCacheArgs().Size;

    /// <summary>Storage class. Default: the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    /// <summary>readWriteOnce (default) or readWriteMany.</summary>
    public VolumeAccessMode AccessMode { get; init; } = VolumeAccessMode.ReadWriteOnce;

    /// <summary>The component-side value.</summary>
    public BuildCacheArgs ToArgs() => new() { Size = Size, StorageClass = StorageClass, AccessMode = AccessMode.ToString() };

    internal void Validate(SettingsPath path, SettingsErrors errors)
    {
        errors.Require(Quantity.Parse(Size) is > 0, path["size"], Quantity.Rule(Size));
        errors.Require(StorageClass is null || KubernetesNames.IsDnsSubdomain(StorageClass), path["storageClass"], KubernetesNames.DnsSubdomainRule(StorageClass ?? string.Empty));
    }
}
