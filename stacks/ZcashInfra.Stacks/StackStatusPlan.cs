using ZcashInfra.Components.CiWorkers;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks.Settings;

namespace ZcashInfra.Stacks;

/// <summary>One node set as <c>status</c> looks at it.</summary>
/// <param name="Name">The set (its StatefulSet's name).</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Network">Its network.</param>
/// <param name="LabelSelector">Selects exactly its node pods (<see cref="NodeLabels.Selector"/>).</param>
/// <param name="Replicas">Declared replicas.</param>
/// <param name="RpcPort">The pods' JSON-RPC port, null when RPC is off.</param>
/// <param name="RestoreContainer">The restore init container's name.</param>
public sealed record NodeSetStatusPlan(string Name, string Namespace, Network Network, string LabelSelector, int Replicas, int? RpcPort, string RestoreContainer);

/// <summary>One snapshot cut as <c>status</c> looks at it.</summary>
/// <param name="Name">The cut's job name.</param>
/// <param name="Namespace">Where its job and its volume snapshots live.</param>
/// <param name="Network">Its network.</param>
/// <param name="Implementation">Its node implementation.</param>
/// <param name="IndexUrl">The stack's own snapshot index for the network (HTTPS when the bucket is public, else gs:// or s3://).</param>
/// <param name="VolumeSnapshotSelector">Selects its volume snapshots by the node labels (network, implementation).</param>
public sealed record CutStatusPlan(string Name, string Namespace, Network Network, NodeImplementation Implementation, Uri? IndexUrl, string VolumeSnapshotSelector);

/// <summary>The CI workers' StatefulSet.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="StatefulSet">Its name.</param>
/// <param name="MaxWorkers">The declared maximum.</param>
public sealed record CiWorkerStatusPlan(string Namespace, string StatefulSet, int MaxWorkers);

/// <summary>
/// What <c>status &lt;stack&gt;</c> looks at in a cluster, from the stack's settings and the names
/// the components compute (selectors, StatefulSet names, the index path), so the status tool
/// never re-derives them.
/// </summary>
/// <param name="Stack">The stack.</param>
/// <param name="NodeSets">Its node sets.</param>
/// <param name="Cuts">Its snapshot cuts.</param>
/// <param name="CiWorkers">Its CI workers, when enabled.</param>
public sealed record StackStatusPlan(string Stack, IReadOnlyList<NodeSetStatusPlan> NodeSets, IReadOnlyList<CutStatusPlan> Cuts, CiWorkerStatusPlan? CiWorkers)
{
    /// <summary>The plan for a validated stack.</summary>
    public static StackStatusPlan For(string stack, StackSettings settings)
    {
        var ns = settings.ZcashNamespace;
        var sets = settings.NodeSets.Select(s => new NodeSetStatusPlan(
            s.Name, ns, s.Network, Selector(NodeLabels.Selector(s.Name, s.Implementation).Select(kv => (kv.Key, kv.Value!.GetValue<string>()))),
            s.Replicas, s.Rpc ? ZcashPorts.Rpc(s.Network) : null, NodeSetComponent.RestoreContainer)).ToList();

        Uri? bucketBase = null;
        if (settings.SnapshotSchedule.Cuts.Count > 0)
        {
            var outputs = ZcashEnvironment.Declare(stack, settings).Outputs;
            var url = outputs.FirstOrDefault(o => o.Name == "snapshotPublicUrl")?.Value?.GetValue<string>()
                ?? outputs.FirstOrDefault(o => o.Name == "snapshotBucketUrl")?.Value?.GetValue<string>();
            bucketBase = url is null ? null : new Uri(url.TrimEnd('/') + "/");
        }

        var cuts = settings.SnapshotSchedule.Cuts.Select(c => new CutStatusPlan(
            c.JobName, ns, c.Network, c.Implementation,
            bucketBase is null ? null : SnapshotJobDeclarations.OwnIndex(bucketBase, c.Network),
            Selector([(NodeLabels.NetworkKey, NodeLabels.Value(c.Network)), (NodeLabels.ImplementationKey, NodeLabels.Value(c.Implementation))]))).ToList();

        var workers = settings.CiWorkers.Enabled ? new CiWorkerStatusPlan(Namespaces.Ci, CiWorkersComponent.WorkerName, settings.CiWorkers.MaxWorkers) : null;
        return new StackStatusPlan(stack, sets, cuts, workers);
    }

    private static string Selector(IEnumerable<(string Key, string Value)> labels) =>
        string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"));
}
