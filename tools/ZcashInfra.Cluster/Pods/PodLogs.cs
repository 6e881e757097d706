using k8s;

namespace ZcashInfra.Cluster.Pods;

/// <summary>The last line a container logged (the restore's progress line says how far it is).</summary>
public static class PodLogs
{
    /// <summary>The last non-empty line, without the agent's timestamp and level; null when there is none or it cannot be read.</summary>
    public static async Task<string?> LastLineAsync(IKubernetes client, string ns, string pod, string container, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: container, tailLines: 5, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            var lines = (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 0)
            {
                return null;
            }

            // The agent writes "<timestamp> <level> <message>" (AgentLog).
            var parts = lines[^1].Split(' ', 3);
            return parts.Length == 3 && parts[1] is "info" or "warn" or "error" ? parts[2] : lines[^1];
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return null;
        }
    }
}
