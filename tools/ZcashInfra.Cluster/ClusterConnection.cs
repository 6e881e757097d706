using k8s;
using k8s.Exceptions;

namespace ZcashInfra.Cluster;

/// <summary>
/// A client for one cluster and the words that name it in errors (<c>context X (server Y)</c>).
/// The bearer token stays inside KubernetesClient's credentials: nothing here prints it.
/// </summary>
/// <param name="Client">The KubernetesClient client.</param>
/// <param name="Description">What the client talks to, for error lines: context and server.</param>
public sealed record ClusterConnection(Kubernetes Client, string Description) : IDisposable
{
    /// <summary>The file the kubelet mounts with a pod's namespace (kubernetes/kubernetes <c>pkg/serviceaccount</c>, projected service account volume).</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>
    /// In-cluster configuration (the pod's service account) unless <paramref name="kubeconfig"/> or
    /// <paramref name="context"/> is given; then that kubeconfig (default <c>$KUBECONFIG</c> or
    /// <c>~/.kube/config</c>) and context (default its current one).
    /// </summary>
    public static ClusterConnection Open(string? kubeconfig, string? context, bool inClusterByDefault)
    {
        try
        {
            if (kubeconfig is null && context is null && inClusterByDefault)
            {
                if (!KubernetesClientConfiguration.IsInCluster())
                {
                    throw new ClusterException("no in-cluster service account (KUBERNETES_SERVICE_HOST unset or no token mounted); pass --kubeconfig to use a kubeconfig");
                }

                var inCluster = KubernetesClientConfiguration.InClusterConfig();
                return new ClusterConnection(new Kubernetes(inCluster), $"in-cluster (server {inCluster.Host})");
            }

            var path = kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator).FirstOrDefault(p => p.Length > 0)
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            if (!File.Exists(path))
            {
                throw new ClusterException($"no kubeconfig at {path}: point --kubeconfig (or KUBECONFIG) at one, or run where kubectl works");
            }

            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
            return new ClusterConnection(new Kubernetes(config), $"context {config.CurrentContext ?? context ?? "(current)"} (server {config.Host})");
        }
        catch (KubeConfigException e)
        {
            throw new ClusterException($"kubeconfig {kubeconfig ?? "(default)"}{(context is null ? string.Empty : $" context {context}")}: {e.Message}", e);
        }
    }

    /// <summary>A client for a server URL without credentials (tests, or a local <c>kubectl proxy</c>).</summary>
    public static ClusterConnection ForServer(Uri server) =>
        new(new Kubernetes(new KubernetesClientConfiguration { Host = server.ToString() }), $"server {server}");

    /// <summary>The namespace from <paramref name="file"/> (the service account mount), trimmed.</summary>
    public static string NamespaceFromServiceAccount(string file = ServiceAccountNamespaceFile)
    {
        if (!File.Exists(file))
        {
            throw new ClusterException($"no --namespace given and {file} does not exist (not running in a pod?)");
        }

        var text = File.ReadAllText(file).Trim();
        return text.Length > 0 ? text : throw new ClusterException($"{file} is empty; pass --namespace");
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
