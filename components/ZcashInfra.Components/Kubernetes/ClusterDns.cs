namespace ZcashInfra.Components.Kubernetes;

/// <summary>In-cluster DNS names of Services and of the pods behind a headless Service.</summary>
public static class ClusterDns
{
    /// <summary>The cluster domain (the Kubernetes default; every managed cluster this project targets keeps it).</summary>
    public const string Domain = "cluster.local";

    /// <summary><c>&lt;service&gt;.&lt;namespace&gt;.svc.cluster.local</c>.</summary>
    public static string Service(string service, string @namespace) => $"{service}.{@namespace}.svc.{Domain}";

    /// <summary>
    /// A StatefulSet pod's stable name through its governing headless Service:
    /// <c>&lt;statefulset&gt;-&lt;ordinal&gt;.&lt;service&gt;.&lt;namespace&gt;.svc.cluster.local</c>.
    /// </summary>
    public static string StatefulSetPod(string statefulSet, int ordinal, string service, string @namespace) =>
        $"{statefulSet}-{ordinal}.{Service(service, @namespace)}";
}
