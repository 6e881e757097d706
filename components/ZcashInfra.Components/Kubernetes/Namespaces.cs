using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>The namespaces workloads live in: one name each, used by every component that needs it.</summary>
public static class Namespaces
{
    /// <summary>Zcash full nodes and the snapshot job.</summary>
    public const string Zcash = "zcash";

    /// <summary>CI: Tekton pipelines' runs, CI workers and their placeholders.</summary>
    public const string Ci = "zcash-ci";

    /// <summary>
    /// Container image builds (kaniko). The one namespace that enforces only the baseline Pod
    /// Security Standard: no image builder that runs a Dockerfile's RUN steps works under the
    /// restricted one (docs/ci.md, "Autoscaled workers"), so it is kept apart from everything else.
    /// </summary>
    public const string CiImages = "zcash-ci-images";

    /// <summary>The namespaces CI runs in; only pods here may tolerate the CI pool's taint.</summary>
    public static readonly IReadOnlySet<string> CiNamespaces = new HashSet<string>(StringComparer.Ordinal) { Ci, CiImages };

    /// <summary>Where Prometheus runs (metrics scrapes are admitted from here).</summary>
    public const string Monitoring = "monitoring";

    /// <summary>
    /// Declares a namespace enforcing the restricted Pod Security Standard, so a pod that asks for
    /// more than it should is refused by the API server, not only flagged by a policy here.
    /// </summary>
    public static string Declare(GraphScope scope, string logicalName, string name, string provider, string component) =>
        Declare(scope, logicalName, name, provider, component, PodSecurityLevel.Restricted);

    /// <summary>
    /// Declares a restricted namespace that holds state (volumes of StatefulSets, claims): deleting a
    /// namespace deletes every claim in it, and claims made from <c>volumeClaimTemplates</c> are not
    /// in Pulumi's state, so with <paramref name="protectState"/> the namespace is protected and retained.
    /// </summary>
    public static string Declare(GraphScope scope, string logicalName, string name, string provider, string component, bool protectState) =>
        Declare(scope, logicalName, name, provider, component, PodSecurityLevel.Restricted, NodeOptions.ProtectState(protectState));

    /// <summary>
    /// Declares a namespace enforcing <paramref name="level"/>; below restricted, restricted is
    /// still audited and warned about, so every exception shows up in the API server's warnings.
    /// </summary>
    public static string Declare(GraphScope scope, string logicalName, string name, string provider, string component, PodSecurityLevel level, NodeOptions? options = null)
    {
        var labels = new Dictionary<string, string>
        {
            ["pod-security.kubernetes.io/enforce"] = level.ToString().ToLowerInvariant(),
            ["pod-security.kubernetes.io/enforce-version"] = "latest",
        };
        if (level != PodSecurityLevel.Restricted)
        {
            labels["pod-security.kubernetes.io/warn"] = "restricted";
            labels["pod-security.kubernetes.io/audit"] = "restricted";
        }

        return KubernetesObjects.Declare(scope, logicalName, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = KubernetesObjects.Metadata(name, null, component, name, labels),
        }, provider, options);
    }
}

/// <summary>The Pod Security Standards levels a namespace can enforce.</summary>
public enum PodSecurityLevel
{
    /// <summary>Hardened: non-root, no privilege escalation, all capabilities dropped, default seccomp.</summary>
    Restricted,

    /// <summary>Prevents known privilege escalations; allows root and the default capabilities.</summary>
    Baseline,
}
