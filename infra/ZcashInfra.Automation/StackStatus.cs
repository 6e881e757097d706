using ZcashInfra.Cluster;
using ZcashInfra.Cluster.Status;
using ZcashInfra.Stacks;
using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Automation;

/// <summary>
/// <c>status &lt;stack&gt;</c>: the stack's settings say what to look at (<see cref="StackStatusPlan"/>),
/// the cluster says how it is (<see cref="StatusCollector"/>). The cluster is the stack's own
/// kubeconfig context (<c>cluster.context</c>, or the one its cloud's tooling writes) unless
/// <paramref name="context"/> overrides it. A kubeconfig kept as a stack secret is not read here:
/// pass <paramref name="kubeconfig"/>.
/// </summary>
/// <param name="projectDirectory">Where Pulumi.yaml and the stack files are.</param>
/// <param name="kubeconfig">A kubeconfig file; default <c>KUBECONFIG</c> or <c>~/.kube/config</c>.</param>
/// <param name="context">A kubeconfig context overriding the stack's.</param>
public sealed class StackStatus(string projectDirectory, string? kubeconfig, string? context)
{
    /// <summary>Reads the stack's status.</summary>
    public async Task<StatusReport> ReadAsync(string stack, HttpClient http, CancellationToken cancellationToken)
    {
        var settings = StackConfigFile.Load(projectDirectory, stack).GetOrThrow();
        var plan = StackStatusPlan.For(stack, settings);
        using var cluster = ClusterConnection.Open(kubeconfig, context ?? settings.Cluster.ProviderContext(settings), inClusterByDefault: false);
        return await new StatusCollector(cluster, http, TimeProvider.System).CollectAsync(Target(plan), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan in the collector's terms (one field for one field).</summary>
    public static StatusTarget Target(StackStatusPlan plan) => new(
        plan.Stack,
        [.. plan.NodeSets.Select(s => new NodeSetProbe(s.Name, s.Namespace, s.Network.ToString().ToLowerInvariant(), s.LabelSelector, s.Replicas, s.RpcPort, s.RestoreContainer))],
        [.. plan.Cuts.Select(c => new CutProbe(c.Name, c.Namespace, c.Network.ToString().ToLowerInvariant(), c.IndexUrl, c.VolumeSnapshotSelector))],
        plan.CiWorkers is { } w ? new WorkerProbe(w.Namespace, w.StatefulSet, w.MaxWorkers) : null);
}
