namespace ZcashInfra.Automation.Tests;

/// <summary>A kubeconfig file whose one context, "double", points at a server (the API double, or nothing).</summary>
internal static class Kubeconfigs
{
    public static string Write(Uri server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"zcash-infra-kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters: [{"{"}name: double, cluster: {"{"}server: "{server.ToString().TrimEnd('/')}"{"}"}{"}"}]
            users: [{"{"}name: operator, user: {"{"}token: operator-token{"}"}{"}"}]
            contexts: [{"{"}name: double, context: {"{"}cluster: double, user: operator{"}"}{"}"}]
            current-context: double
            """);
        return path;
    }
}
