namespace ZcashInfra.Stacks.Settings;

/// <summary>Where the stack's cluster runs, and so which cloud resources it declares.</summary>
public enum CloudKind
{
    /// <summary>Google Cloud: GKE node pools, GCS buckets.</summary>
    Gcp,

    /// <summary>AWS: EKS managed node groups, S3 buckets.</summary>
    Aws,

    /// <summary>A cluster you only have a kubeconfig for: Kubernetes objects only, no cloud resources.</summary>
    Existing,
}
