using ZcashInfra.Components.Graph;
using ZcashInfra.Components.SnapshotAccess;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// The snapshot writer (which can overwrite and delete every snapshot) is used by the snapshot
/// job's CronJobs only — never by node sets, CI or anything else — and those pods cut from their
/// own scratch volume: they mount no persistent volume claim, so never a serving node's state.
/// </summary>
public sealed class SnapshotWriterScopePolicy : IPolicy
{
    private static readonly HashSet<string> AccountKeys = new(StringComparer.Ordinal) { "serviceAccountName", "serviceAccount" };

    /// <inheritdoc />
    public string Id => "snapshot-writer-scope";

    /// <inheritdoc />
    public string Description => $"only the snapshot job's CronJobs run as {SnapshotIdentities.WriterServiceAccount}, and they mount no persistent volume";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        var graph = context.Graph;
        foreach (var node in graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type)))
        {
            var kind = Workloads.Text(node.Inputs["kind"]);
            if (kind == "ServiceAccount")
            {
                continue;
            }

            var inSnapshotJob = kind == "CronJob" && node.Parent is { } parent && graph.Find(parent)?.Type == SnapshotJob.SnapshotJobComponent.Type;
            foreach (var (path, leaf) in InputTree.Leaves(node.Inputs))
            {
                var key = path[(path.LastIndexOf('.') + 1)..];
                if (AccountKeys.Contains(key) && InputTree.AsSecret(leaf) is null && Workloads.Text(leaf) == SnapshotIdentities.WriterServiceAccount && !inSnapshotJob)
                {
                    yield return new Finding(Id, node.Path,
                        $"{path} is {SnapshotIdentities.WriterServiceAccount}, which can overwrite and delete snapshots; only the snapshot job's CronJob runs as it");
                }
            }
        }

        foreach (var pod in Workloads.Pods(graph).Where(p => Workloads.Text(p.Spec["serviceAccountName"]) == SnapshotIdentities.WriterServiceAccount))
        {
            foreach (var volume in pod.Spec["volumes"]?.AsArray() ?? [])
            {
                if (volume?["persistentVolumeClaim"] is { } claim)
                {
                    yield return new Finding(Id, pod.Node.Path,
                        $"{pod.SpecPath}.volumes ({Workloads.Text(volume["name"])}) mounts claim {Workloads.Text(claim["claimName"])}; the snapshot writer cuts only from its own scratch volume, never from a serving node's state");
                }
            }
        }
    }
}
