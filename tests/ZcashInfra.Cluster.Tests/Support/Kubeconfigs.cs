namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>A kubeconfig file whose one context, "double", points at a server (the API double, or nothing) with a bearer token.</summary>
internal static class Kubeconfigs
{
    /// <summary>Writes it to a new file under <paramref name="directory"/> (default: the temp folder) and returns its path.</summary>
    public static string Write(Uri server, string token = "operator-token", string? directory = null)
    {
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"zcash-infra-kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: double
              cluster:
                server: {server.ToString().TrimEnd('/')}
            users:
            - name: operator
              user:
                token: {token}
            contexts:
            - name: double
              context:
                cluster: double
                user: operator
            current-context: double
            """);
        return path;
    }
}
