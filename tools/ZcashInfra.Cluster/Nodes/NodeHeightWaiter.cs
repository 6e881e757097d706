using k8s;
using ZcashInfra.Cluster.Pods;

namespace ZcashInfra.Cluster.Nodes;

/// <summary>
/// "A node at height H": waits until a node set's pods are Ready and its tip has reached H,
/// reporting each change (restore progress, catch-up height against the target), and fails at
/// once with the pod's own reason (<see cref="PodDiagnosis"/>) rather than timing out silently.
/// </summary>
/// <param name="client">The cluster.</param>
/// <param name="time">The clock.</param>
public sealed class NodeHeightWaiter(Kubernetes client, TimeProvider time)
{
    /// <summary>Returns the RPC endpoint once a Ready pod's tip is ≥ <paramref name="height"/> (null: Ready is enough).</summary>
    public async Task<string> WaitAsync(NodeWaitTarget target, long? height, Action<NodeWaitProgress> progress, NodeWaitOptions options, CancellationToken cancellationToken)
    {
        var start = time.GetUtcNow();
        var tips = new NodeTipReader(client);
        var goal = height ?? 0;
        string? last = null;
        void Report(string stage, string message, long? tip)
        {
            // One line per change, not one per poll.
            if (message != last)
            {
                last = message;
                progress(new NodeWaitProgress(stage, message, tip, goal));
            }
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow();
            if (now - start > options.Timeout)
            {
                throw new TimeoutException($"node set {target.NodeSet} in {target.Namespace}: not at height {goal} after {Durations.Format(options.Timeout)} (last: {last ?? "nothing seen"})");
            }

            var pods = await ApiErrors.Describe($"list pods of node set {target.NodeSet} in {target.Namespace}", () =>
                client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: target.LabelSelector, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var states = pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
                .Select(p => PodDiagnosis.Diagnose(p, target.RestoreContainer, options.UnschedulableGrace, now)).ToList();
            if (states.FirstOrDefault(s => s.Failure is not null) is { } failed)
            {
                var claims = await PendingClaimsAsync(target.Namespace, failed.Claims, cancellationToken).ConfigureAwait(false);
                throw new ClusterException($"node set {target.NodeSet}: {failed.Failure}{claims}");
            }

            var readyPod = states.FirstOrDefault(s => s.Ready);
            if (states.Count < target.Replicas || readyPod is null)
            {
                var restoring = states.FirstOrDefault(s => s.Restoring);
                if (restoring is not null)
                {
                    var line = await PodLogs.LastLineAsync(client, target.Namespace, restoring.Name, target.RestoreContainer, cancellationToken).ConfigureAwait(false);
                    Report("restore", $"pod {restoring.Name}: restoring{(line is null ? string.Empty : ": " + line)}", null);
                }
                else
                {
                    Report("pods", states.Count == 0 ? $"node set {target.NodeSet}: no pods yet" : string.Join("; ", states.Select(s => s.Waiting ?? $"pod {s.Name}: ready")), null);
                }
            }
            else
            {
                var (tip, problem) = await tips.ReadAsync(target.Namespace, readyPod.Name, target.RpcPort, cancellationToken).ConfigureAwait(false);
                if (tip is { } reached && reached >= goal)
                {
                    Report("ready", $"pod {readyPod.Name}: ready at height {reached} (target {goal})", reached);
                    return target.RpcEndpoint;
                }

                Report("catch-up", tip is { } h ? $"pod {readyPod.Name}: height {h} of {goal} ({goal - h} to go)" : $"pod {readyPod.Name}: ready, tip unknown ({problem})", tip);
            }

            await Task.Delay(options.Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> PendingClaimsAsync(string ns, IReadOnlyList<string> claims, CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        foreach (var claim in claims)
        {
            try
            {
                var pvc = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (pvc.Status?.Phase == "Pending")
                {
                    pending.Add(claim);
                }
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                // A claim that cannot be read adds nothing to the pod's own reason.
            }
        }

        return pending.Count == 0 ? string.Empty : $" (PersistentVolumeClaim {string.Join(", ", pending)} Pending)";
    }
}
