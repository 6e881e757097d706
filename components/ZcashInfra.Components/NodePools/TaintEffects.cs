namespace ZcashInfra.Components.NodePools;

/// <summary>
/// Taint effects as Kubernetes spells them (<c>NoSchedule</c>, what pods tolerate) and as the GKE
/// and EKS node pool APIs spell them (<c>NO_SCHEDULE</c>, what pools carry). The one place the two
/// spellings meet, so a pool's taint and a pod's toleration cannot drift apart.
/// </summary>
public static class TaintEffects
{
    private static readonly (string Kubernetes, string Cloud)[] Pairs =
    [
        ("NoSchedule", "NO_SCHEDULE"),
        ("PreferNoSchedule", "PREFER_NO_SCHEDULE"),
        ("NoExecute", "NO_EXECUTE"),
    ];

    /// <summary>The GKE / EKS name of a Kubernetes taint effect.</summary>
    public static string ToCloud(string kubernetesEffect) =>
        Pairs.FirstOrDefault(p => p.Kubernetes == kubernetesEffect).Cloud
        ?? throw new ArgumentOutOfRangeException(nameof(kubernetesEffect), kubernetesEffect, "not a Kubernetes taint effect");

    /// <summary>The Kubernetes name of a GKE / EKS taint effect, or null for an unknown one.</summary>
    public static string? ToKubernetes(string cloudEffect) =>
        Pairs.FirstOrDefault(p => p.Cloud == cloudEffect).Kubernetes;
}
