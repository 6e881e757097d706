using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// In production, every Kubernetes provider names its cluster (a <c>context</c> or a
/// <c>kubeconfig</c>): without either, pulumi-kubernetes applies to the current kubectl context
/// (<c>provider/pkg/provider/provider.go</c>), so <c>pulumi up -s prod</c> would change whatever
/// cluster the operator last used.
/// </summary>
public sealed class NamedClusterPolicy : IPolicy
{
    /// <summary>The Kubernetes provider's type token.</summary>
    public const string ProviderType = TypeTokens.ProviderPrefix + "kubernetes";

    /// <inheritdoc />
    public string Id => "named-cluster";

    /// <inheritdoc />
    public string Description => "production Kubernetes providers name their cluster (context or kubeconfig)";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        if (context.Tier != EnvironmentTier.Production)
        {
            yield break;
        }

        foreach (var provider in context.Graph.Resources.Where(n => n.Type == ProviderType))
        {
            var named = new[] { "context", "kubeconfig" }.Any(k => provider.Inputs[k] is { } value
                && (InputTree.AsSecret(value) is not null || !string.IsNullOrEmpty(Workloads.Text(value))));
            if (!named)
            {
                yield return new Finding(Id, provider.Path,
                    "the Kubernetes provider has neither context nor kubeconfig: it would apply to the current kubectl context (set cluster.context or cluster.kubeconfig)");
            }
        }
    }
}
