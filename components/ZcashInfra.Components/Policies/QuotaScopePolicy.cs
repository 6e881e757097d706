using System.Text.Json.Nodes;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every ResourceQuota limits only resources its scopes apply to (<see cref="QuotaScopes"/>): the
/// API server refuses the whole object otherwise, so <c>pulumi up</c> fails on it.
/// </summary>
public sealed class QuotaScopePolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "quota-scope-resources";

    /// <inheritdoc />
    public string Description => "a scoped ResourceQuota limits only resources its scopes apply to (PriorityClass and the pod scopes: pods, cpu and memory)";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var (node, manifest) in KubernetesManifests.In(context.Graph))
        {
            if (Workloads.Text(manifest["kind"]) != "ResourceQuota" || manifest["spec"] is not JsonObject spec)
            {
                continue;
            }

            var scopes = (spec["scopes"] as JsonArray ?? []).Select(Workloads.Text)
                .Concat((spec["scopeSelector"]?["matchExpressions"] as JsonArray ?? []).Select(e => Workloads.Text(e?["scopeName"])))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var hard = spec["hard"] as JsonObject ?? [];
            foreach (var scope in scopes)
            {
                foreach (var problem in hard.Select(kv => QuotaScopes.Problem(scope, kv.Key)).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    yield return new Finding(Id, node.Path, problem);
                }
            }
        }
    }
}
