using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Providers;

/// <summary>Where a stack's cluster runs, and so which cloud resources it declares.</summary>
public enum Cloud
{
    /// <summary>Google Cloud: GKE node pools, GCS buckets.</summary>
    Gcp,

    /// <summary>Amazon Web Services: EKS managed node groups, S3 buckets.</summary>
    Aws,

    /// <summary>
    /// A cluster known only through a kubeconfig: Kubernetes objects only, no cloud resources (the
    /// components that declare cloud resources reject it).
    /// </summary>
    Existing,
}

/// <summary>
/// Paths of the explicit provider resources a stack registers. Every cloud and Kubernetes resource
/// names one of these, so nothing silently uses ambient credentials or the current kubectl context.
/// </summary>
/// <param name="Cloud">The cloud provider's path, or null when the stack has no cloud resources.</param>
/// <param name="Kubernetes">The Kubernetes provider's path.</param>
public sealed record StackProviders(string? Cloud, string Kubernetes)
{
    /// <summary>Registers a GCP provider pinned to one project and region.</summary>
    public static string DeclareGcp(GraphScope scope, string project, string region) =>
        scope.Resource(TypeTokens.ProviderPrefix + "gcp", "gcp", new JsonObject
        {
            ["project"] = project,
            ["region"] = region,
        });

    /// <summary>Registers an AWS provider that refuses to act on any account but the configured one.</summary>
    public static string DeclareAws(GraphScope scope, string accountId, string region) =>
        scope.Resource(TypeTokens.ProviderPrefix + "aws", "aws", new JsonObject
        {
            ["region"] = region,

            // Provider configuration is passed as strings; list values are JSON-encoded.
            ["allowedAccountIds"] = JsonSerializer.Serialize(new[] { accountId }),
        });

    /// <summary>
    /// Registers the Kubernetes provider with an explicit kubeconfig (secret) and/or context. With
    /// neither, pulumi-kubernetes uses the ambient kubeconfig's current context
    /// (<c>provider/pkg/provider/provider.go</c>, <c>ConfigOverrides.CurrentContext</c>), whatever
    /// cluster that is: stack settings refuse that in production (<c>cluster.context</c>).
    /// </summary>
    public static string DeclareKubernetes(GraphScope scope, Secret? kubeconfig, string? context)
    {
        var inputs = new JsonObject();
        if (kubeconfig is not null)
        {
            inputs["kubeconfig"] = InputTree.Leaf(kubeconfig);
        }

        if (context is not null)
        {
            inputs["context"] = context;
        }

        return scope.Resource(TypeTokens.ProviderPrefix + "kubernetes", "kubernetes", inputs);
    }
}
