namespace ZcashInfra.Components.Kubernetes;

/// <summary>
/// Which resources a ResourceQuota may limit under each scope. The API server rejects (422,
/// "unsupported scope applied to resource") a quota whose scopes — in <c>spec.scopes</c> or
/// <c>spec.scopeSelector.matchExpressions[].scopeName</c> — do not apply to one of its standard
/// <c>hard</c> resources. Read from kubernetes <c>pkg/apis/core/helper/helpers.go</c>
/// (<c>IsResourceQuotaScopeValidForResource</c>, <c>standardResourceQuotaScopes</c>,
/// <c>standardQuotaResources</c>), applied by <c>pkg/apis/core/validation/validation.go</c>
/// (<c>validateResourceQuotaScopes</c>, <c>validateScopedResourceSelectorRequirement</c>).
/// </summary>
public static class QuotaScopes
{
    /// <summary>Pod object counts (helpers.go <c>podObjectCountQuotaResources</c>).</summary>
    private static readonly string[] PodCount = ["pods"];

    /// <summary>Pod compute (helpers.go <c>podComputeQuotaResources</c>).</summary>
    private static readonly string[] PodCompute = ["cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"];

    /// <summary>The scopes that restrict a quota to pods, and what each may limit.</summary>
    private static readonly Dictionary<string, IReadOnlySet<string>> PodScopes = new(StringComparer.Ordinal)
    {
        ["Terminating"] = Set(PodCount, PodCompute),
        ["NotTerminating"] = Set(PodCount, PodCompute),
        ["NotBestEffort"] = Set(PodCount, PodCompute),
        ["PriorityClass"] = Set(PodCount, PodCompute),
        ["CrossNamespacePodAffinity"] = Set(PodCount, PodCompute),
        ["BestEffort"] = Set(PodCount),
    };

    /// <summary>
    /// helpers.go <c>standardQuotaResources</c> (plus hugepages): only these are checked against
    /// the scope; extended resources and object counts such as <c>count/jobs.batch</c> are not.
    /// </summary>
    private static readonly HashSet<string> StandardQuotaResources = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
        "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
        "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims",
        "configmaps", "services.nodeports", "services.loadbalancers",
    };

    /// <summary>The scopes this project knows the rule for.</summary>
    public static IEnumerable<string> Known => PodScopes.Keys;

    /// <summary>
    /// Why <paramref name="resource"/> may not be limited under <paramref name="scope"/>, or null
    /// when it may. A scope whose rule is not encoded here is refused rather than guessed.
    /// </summary>
    public static string? Problem(string scope, string resource)
    {
        if (!PodScopes.TryGetValue(scope, out var allowed))
        {
            return $"scope {scope} is not one this project knows the admission rule for (known: {string.Join(", ", Known)})";
        }

        if (!StandardQuotaResources.Contains(resource) && !resource.StartsWith("hugepages-", StringComparison.Ordinal)
            && !resource.StartsWith("requests.hugepages-", StringComparison.Ordinal))
        {
            return null;
        }

        return allowed.Contains(resource)
            ? null
            : $"spec.hard.{resource} under scope {scope}: the API server accepts only {string.Join(", ", allowed.Order(StringComparer.Ordinal))} there (422 unsupported scope applied to resource); put it in an unscoped quota";
    }

    private static IReadOnlySet<string> Set(params string[][] groups) => new HashSet<string>(groups.SelectMany(g => g), StringComparer.Ordinal);
}
