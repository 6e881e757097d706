using k8s;
using ZcashInfra.Cluster.Nodes;
using ZcashInfra.Cluster.Pods;
using ZcashInfra.Cluster.VolumeSnapshots;

namespace ZcashInfra.Cluster.Status;

/// <summary>
/// Reads a stack's health from its cluster: each node set's pods (ready, restarts, restore and its
/// progress, failures by their reason), their tips through the pod proxy against the network tip,
/// each cut's newest bucket and volume snapshot, the CI workers' StatefulSet. A section the caller
/// may not read (403) reports that and the rest still runs; an unreachable API server fails the
/// whole report with one line naming the cluster.
/// </summary>
/// <param name="cluster">The cluster.</param>
/// <param name="http">For the public snapshot indexes.</param>
/// <param name="time">The clock ages are measured with.</param>
public sealed class StatusCollector(ClusterConnection cluster, HttpClient http, TimeProvider time)
{
    /// <summary>Collects the report.</summary>
    public async Task<StatusReport> CollectAsync(StatusTarget target, CancellationToken cancellationToken)
    {
        var client = cluster.Client;
        try
        {
            await client.Version.GetCodeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterException($"{cluster.Description}: cannot reach the API server ({e.Message})", e);
        }
        catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode == 401)
        {
            throw new ClusterException($"{cluster.Description}: 401 Unauthorized (the kubeconfig's credentials were refused)", e);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // /version may be closed to this user; the sections say what they can read.
        }

        var tips = new NodeTipReader(client);
        var sets = new List<NodeSetReport>();
        foreach (var set in target.NodeSets)
        {
            sets.Add(await NodeSetAsync(client, tips, set, cancellationToken).ConfigureAwait(false));
        }

        // The network tip: the highest height any node of the network knows (tips and estimates).
        var networkTips = sets.GroupBy(s => s.Network).ToDictionary(g => g.Key, g => g.Max(s => s.NetworkTip), StringComparer.Ordinal);
        sets = [.. sets.Select(s => s with { NetworkTip = networkTips[s.Network] })];

        var index = new BucketIndexReader(http, time);
        var cuts = new List<CutReport>();
        foreach (var cut in target.Cuts)
        {
            var (height, age, note) = await index.NewestAsync(cut.IndexUrl, cancellationToken).ConfigureAwait(false);
            string? volume = null;
            TimeSpan? volumeAge = null;
            string? problem = null;
            try
            {
                var snapshots = await new VolumeSnapshotClient(client, cut.Namespace, time).ListAsync(cut.VolumeSnapshotSelector, cancellationToken).ConfigureAwait(false);
                var newest = snapshots.Where(s => s.ReadyToUse && !s.IsAlias).MaxBy(s => s.Created ?? DateTimeOffset.MinValue);
                (volume, volumeAge) = newest is null ? (null, null) : (newest.Name, newest.Created is { } c ? time.GetUtcNow() - c : (TimeSpan?)null);
            }
            catch (ClusterException e)
            {
                problem = e.Message;
            }

            cuts.Add(new CutReport(cut.Name, height, age, note, volume, volumeAge, problem));
        }

        WorkerReport? workers = null;
        if (target.Workers is { } w)
        {
            try
            {
                var statefulSet = await ApiErrors.Describe($"get statefulset {w.Namespace}/{w.StatefulSet}", () =>
                    client.AppsV1.ReadNamespacedStatefulSetAsync(w.StatefulSet, w.Namespace, cancellationToken: cancellationToken)).ConfigureAwait(false);
                workers = new WorkerReport(statefulSet.Spec?.Replicas ?? 0, statefulSet.Status?.ReadyReplicas ?? 0, w.MaxWorkers, null);
            }
            catch (ClusterException e)
            {
                workers = new WorkerReport(0, 0, w.MaxWorkers, e.Message);
            }
        }

        return new StatusReport(target.Stack, cluster.Description, sets, cuts, workers);
    }

    private async Task<NodeSetReport> NodeSetAsync(Kubernetes client, NodeTipReader tips, NodeSetProbe set, CancellationToken cancellationToken)
    {
        k8s.Models.V1PodList pods;
        try
        {
            pods = await ApiErrors.Describe($"list pods of {set.Name} in {set.Namespace}", () =>
                client.CoreV1.ListNamespacedPodAsync(set.Namespace, labelSelector: set.LabelSelector, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            return new NodeSetReport(set.Name, set.Network, set.Replicas, [], null, e.Message);
        }

        var reports = new List<PodReport>();
        long? highest = null;
        foreach (var pod in pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            // Status shows an Unschedulable pod as a failure at once: it is a snapshot, not a wait.
            var state = PodDiagnosis.Diagnose(pod, set.RestoreContainer, TimeSpan.Zero, time.GetUtcNow());
            var progress = state.Restoring ? await PodLogs.LastLineAsync(client, set.Namespace, state.Name, set.RestoreContainer, cancellationToken).ConfigureAwait(false) : null;
            long? tip = null;
            var note = state.Waiting;
            if (state.Ready && set.RpcPort is { } port)
            {
                var reading = await tips.ReadInfoAsync(set.Namespace, state.Name, port, cancellationToken).ConfigureAwait(false);
                tip = reading.Blocks;
                note ??= reading.Problem;
                highest = new[] { highest, reading.Blocks, reading.Estimated }.Max();
            }

            reports.Add(new PodReport(state.Name, state.Ready, state.Restarts, state.Restoring, progress, tip, note, state.Failure));
        }

        return new NodeSetReport(set.Name, set.Network, set.Replicas, reports, highest, null);
    }
}
