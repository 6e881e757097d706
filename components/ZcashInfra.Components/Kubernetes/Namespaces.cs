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

    /// <summary>Where Prometheus runs (metrics scrapes are admitted from here).</summary>
    public const string Monitoring = "monitoring";

    /// <summary>
    /// Declares a namespace enforcing the restricted Pod Security Standard, so a pod that asks for
    /// more than it should is refused by the API server, not only flagged by a policy here.
    /// </summary>
    public static string Declare(GraphScope scope, string logicalName, string name, string provider, string component) =>
        KubernetesObjects.Declare(scope, logicalName, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = KubernetesObjects.Metadata(name, null, component, name, new Dictionary<string, string>
            {
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/enforce-version"] = "latest",
            }),
        }, provider);
}
