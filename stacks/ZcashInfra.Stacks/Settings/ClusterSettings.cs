using System.Text.RegularExpressions;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Providers;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Stacks.Settings;

/// <summary>
/// <c>zcash-infra:cluster</c> — the existing Kubernetes cluster. This program adds node pools and
/// workloads to it; it does not create the cluster itself.
/// </summary>
public sealed partial record ClusterSettings
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

    /// <summary>
    /// The kubeconfig context the Kubernetes provider uses. Default: the one the cloud's tooling
    /// writes for the cluster on gcp and aws, else the kubeconfig's current context. gcloud names it
    /// <c>gke_&lt;project&gt;_&lt;location&gt;_&lt;name&gt;</c>, <c>aws eks update-kubeconfig</c> the cluster's ARN.
    /// A production stack without <c>cluster.kubeconfig</c> refuses the current context.
    /// </summary>
    public string? Context { get; init; }

    /// <summary>
    /// EKS: the ARN of the cluster's IAM OIDC provider
    /// (<c>arn:aws:iam::&lt;account&gt;:oidc-provider/oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;id&gt;</c>),
    /// which the snapshot identities' roles trust (IAM roles for service accounts). Required for aws.
    /// </summary>
    public string? OidcProviderArn { get; init; }

    /// <summary>
    /// What the cluster already has that this program does not install, any of clusterAutoscaler,
    /// prometheusOperator, keda, prometheus, defaultStorageClass, namedStorageClasses and
    /// volumeSnapshots. <c>validate</c> reports each one
    /// the stack needs and this list does not state.
    /// </summary>
    public IReadOnlyList<string> Provides { get; init; } = [];

    internal void Validate(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        var known = StatedPrerequisites.Ids.ToList();
        for (var i = 0; i < Provides.Count; i++)
        {
            errors.Require(known.Contains(Provides[i], StringComparer.Ordinal), path["provides"][i], $"must be one of {string.Join(", ", known)}, got '{Provides[i]}'");
        }

        var cloud = stack.Cloud;
        if (cloud != Cloud.Existing)
        {
            errors.NotBlank(Name, path["name"]);
        }

        if (Name is not null)
        {
            errors.Require(KubernetesNames.IsDnsLabel(Name), path["name"], KubernetesNames.DnsLabelRule(Name));
        }

        errors.Require(cloud == Cloud.Gcp || Location is null, path["location"], "is only meaningful when cloud is gcp");
        errors.Require(Context is null || Context.Length > 0, path["context"], "must not be empty");
        errors.Require(stack.Environment != EnvironmentTier.Production || ProviderContext(stack) is not null || Kubeconfig is not null, path["context"],
            "a production stack must name its cluster: set cluster.context (or cluster.kubeconfig), or `pulumi up` applies to whatever kubectl context is current");
        ValidateOidcProvider(path["oidcProviderArn"], stack, errors);
    }

    /// <summary>
    /// The context the Kubernetes provider names: <see cref="Context"/> when set, else the name the
    /// cloud's tooling gives the cluster's context — <c>gcloud container clusters get-credentials</c>
    /// writes <c>gke_&lt;project&gt;_&lt;location&gt;_&lt;name&gt;</c>, <c>aws eks update-kubeconfig</c> the
    /// cluster's ARN <c>arn:&lt;partition&gt;:eks:&lt;region&gt;:&lt;account&gt;:cluster/&lt;name&gt;</c>.
    /// Null on an existing cluster without a context (the kubeconfig's current one is used).
    /// </summary>
    public string? ProviderContext(StackSettings stack) => Context ?? (Name is null ? null : stack.Cloud switch
    {
        Cloud.Gcp when stack.Gcp is { } gcp => $"gke_{gcp.Project}_{Location ?? gcp.Region}_{Name}",
        Cloud.Aws when stack.Aws is { } aws => $"arn:{AwsPartition(aws.Region)}:eks:{aws.Region}:{aws.AccountId}:cluster/{Name}",
        _ => null,
    });

    private static string AwsPartition(string region) =>
        region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : "aws";

    private void ValidateOidcProvider(SettingsPath path, StackSettings stack, SettingsErrors errors)
    {
        if (stack.Cloud != Cloud.Aws)
        {
            errors.Require(OidcProviderArn is null, path, "is only meaningful when cloud is aws");
            return;
        }

        if (OidcProviderArn is null)
        {
            errors.Add(path, "is required when cloud is aws (the cluster's IAM OIDC provider, which the snapshot reader and writer roles trust)");
            return;
        }

        var match = OidcArn().Match(OidcProviderArn);
        if (!match.Success)
        {
            errors.Add(path, $"must be an IAM OIDC provider ARN like arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE, got '{OidcProviderArn}'");
        }
        else if (stack.Aws is { } aws && match.Groups["account"].Value != aws.AccountId)
        {
            errors.Add(path, $"belongs to account {match.Groups["account"].Value}, not aws.accountId {aws.AccountId}");
        }
    }

    [GeneratedRegex("^arn:aws(-[a-z]+)*:iam::(?<account>[0-9]{12}):oidc-provider/[a-z0-9.-]+(/[A-Za-z0-9._-]+)+$")]
    private static partial Regex OidcArn();
}
