using ZcashInfra.Components.Graph;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:cluster</c> — the existing Kubernetes cluster. This program adds node pools and
/// workloads to it; it does not create the cluster itself.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>The cluster's name in its cloud (GKE cluster or EKS cluster). Required for gcp and aws.</summary>
    public string? Name { get; init; }

    /// <summary>GKE: the cluster's location (region or zone). Default: <c>gcp.region</c>.</summary>
    public string? Location { get; init; }

    /// <summary>
    /// A kubeconfig for the Kubernetes provider, set as a secret
    /// (<c>pulumi config set --secret --path cluster.kubeconfig "$(cat kubeconfig)"</c>).
    /// Default: the ambient kubeconfig (<c>KUBECONFIG</c> or <c>~/.kube/config</c>).
    /// </summary>
    public Secret? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use. Default: the kubeconfig's current context.</summary>
    public string? Context { get; init; }

    internal void Validate(SettingsPath path, CloudKind cloud, SettingsErrors errors)
    {
        if (cloud != CloudKind.Existing)
        {
            errors.NotBlank(Name, path["name"]);
        }

        if (Name is not null)
        {
            errors.Require(KubernetesNames.IsDnsLabel(Name), path["name"], KubernetesNames.DnsLabelRule(Name));
        }

        errors.Require(cloud == CloudKind.Gcp || Location is null, path["location"], "is only meaningful when cloud is gcp");
        errors.Require(Context is null || Context.Length > 0, path["context"], "must not be empty");
    }
}
